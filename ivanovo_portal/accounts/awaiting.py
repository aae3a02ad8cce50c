"""What awaits the people who work in the portal: the page staff and officials land on after
login, made of sections the apps contribute, so the kernel lists an activity's work without
importing it. An app defines its sections beside their items::

    QUOTAS_BEHIND = awaiting.Section(
        title=_("Questionnaires closing below their quotas"),
        permission="surveys.view_results",
        items=quotas_behind,
    )

and registers them in ``AppConfig.ready()``::

    awaiting.sections.register("surveys_quotas_behind", QUOTAS_BEHIND)

A section's ``items`` is a function of the reader that returns its ``Item`` list (a few queries
at most: the page runs every section its reader may see), so that a section may list only what is
the reader's own; it is shown to those who hold its permission.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import reverse

from ivanovo_portal.registry import Registry


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
    title: str
    permission: str
    items: Callable[[Any], list[Item]]  # the reader -> their items
    order: int = 100
    description: str = ""


sections = Registry(
    "sections of what awaits",
    hint="An app registers its sections in its AppConfig.ready(), each a Section.",
)


def sections_for(user):
    """The sections ``user`` may see, in their order, each with its items:
    [(key, Section, items)]."""
    visible = sorted(
        ((key, section) for key, section in sections.items() if user.has_perm(section.permission)),
        key=lambda pair: (pair[1].order, pair[0]),
    )
    return [(key, section, list(section.items(user))) for key, section in visible]


def landing_url(user):
    """Where ``user`` lands after login: what awaits them if any section is theirs, otherwise
    their account (residents, and roles whose areas have no work to show yet)."""
    if any(user.has_perm(section.permission) for section in sections.values()):
        return reverse("accounts:awaiting")
    return reverse("accounts:profile")
