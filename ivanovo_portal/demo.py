"""Demo content for ``manage.py seed_demo``: apps add theirs without the kernel importing them.

An app adds its seeder in ``AppConfig.ready()``::

    from ivanovo_portal import demo

    demo.register(seed_demo_surveys)

A seeder takes the ``DemoAccounts`` and must be idempotent: running it again creates nothing new.
Seeders run in the order they were registered, after the kernel's own, in one transaction.
"""

from dataclasses import dataclass

_seeders = []


@dataclass(frozen=True)
class DemoAccounts:
    """The demo users, one per role, plus the administrator."""

    admin: object
    staff: object
    monitor: object
    official: object
    resident: object


def register(seeder):
    """Add ``seeder(accounts)`` to the demo; adding the same function again is ignored."""
    if seeder not in _seeders:
        _seeders.append(seeder)
    return seeder


def seeders():
    """The registered seeders, in order."""
    return list(_seeders)
