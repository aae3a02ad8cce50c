"""Demo content for ``manage.py seed_demo``: apps add theirs without the kernel importing them.

The demo accounts come first; then each app's seeder, registered in its ``AppConfig.ready()``
under its label (the kernel's apps like any other)::

    from ivanovo_portal.demo import seeders

    def ready(self):
        seeders.register(self.label, seed)

A seeder takes the ``DemoAccounts`` and must be idempotent: running it again creates nothing new.
Seeders run in the order they were registered, which is the order of ``INSTALLED_APPS``, in one
transaction.
"""

from dataclasses import dataclass

from ivanovo_portal.registry import Registry

seeders = Registry(
    "demo seeders", hint="An app registers its seeder in its AppConfig.ready(), under its label."
)


@dataclass(frozen=True)
class DemoAccounts:
    """The demo users, one per role, plus the administrator."""

    admin: object
    staff: object
    monitor: object
    official: object
    resident: object
