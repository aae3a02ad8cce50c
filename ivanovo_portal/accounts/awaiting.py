"""What awaits the people who work in the portal: the page staff and officials land on after
login, made of sections the apps contribute, so the kernel lists an activity's work without
importing it. An app registers its sections in ``AppConfig.ready()``::

    from ivanovo_portal.accounts import awaiting

    @awaiting.section(
        "surveys_quotas_behind",
        title=_("Questionnaires closing below their quotas"),
        permission="surveys.view_results",
    )
    def quotas_behind():
        return [awaiting.Item(title=..., url=..., detail=...), ...]

A section is a function without arguments that returns its items (a few queries at most: the
page runs every section its reader may see); it is shown to those who hold its permission.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse

_sections = {}


@dataclass(frozen=True)
class Item:
    """One thing to do: what, where to do it, a line of detail, and the day it is due by."""

    title: str
    url: str
    detail: str = ""
    due: date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    permission: str
    items: Callable[[], list[Item]]
    order: int = 100
    description: str = ""


def register(key, fn, *, title, permission, order=100, description=""):
    """Make ``fn`` the items of section ``key``; registering the key again replaces it."""
    _sections[key] = Section(key, title, permission, fn, order, description)


def section(key, **options):
    """Decorator form of :func:`register`."""

    def decorator(fn):
        register(key, fn, **options)
        return fn

    return decorator


def sections_for(user):
    """The sections ``user`` may see, in their order, each with its items: [(Section, items)]."""
    visible = sorted(
        (entry for entry in _sections.values() if user.has_perm(entry.permission)),
        key=lambda entry: (entry.order, entry.key),
    )
    return [(entry, list(entry.items())) for entry in visible]


def landing_url(user):
    """Where ``user`` lands after login: what awaits them if any section is theirs, otherwise
    their account (residents, and roles whose areas have no work to show yet)."""
    if any(user.has_perm(entry.permission) for entry in _sections.values()):
        return reverse("accounts:awaiting")
    return reverse("accounts:profile")
