"""Where the portal used a participation method: the cases that the activities contribute, so
that the toolkit links every method to its use here without importing them.

An app registers a provider in its ``AppConfig.ready()``::

    from ivanovo_portal.cases import Provider, cases

    def ready(self):
        cases.register("surveys", Provider(("survey",), questionnaire_cases))

naming the methods its cases may use (a method's page asks only those providers) and a function
``questionnaire_cases()`` returning ``[Case(...)]``: the app's public work, each piece once per
method it used. A case names its method by the method's address in the toolkit (``survey``,
``public-discussion``…), a key that never changes. A provider gives public figures only, as the
app's own public pages show them (under disclosure control), and says so where one is withheld.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils.translation import gettext, ngettext

from ivanovo_portal.disclosure import MINIMUM
from ivanovo_portal.recommendations.models import Recommendation
from ivanovo_portal.registry import Registry

cases = Registry(
    "cases",
    hint="An app registers where it used participation methods in its AppConfig.ready().",
)


@dataclass(frozen=True)
class Provider:
    """An app's cases: the methods they may name, and the function listing them."""

    methods: tuple[str, ...]
    cases: Callable[[], list]


@dataclass(frozen=True)
class Figure:
    """One line of a case's participants or results: what was counted and its value as
    printed (a number, or the words saying it is withheld)."""

    label: str
    value: str


@dataclass(frozen=True)
class Case:
    """The fields of a case study: the issue, the place, the dates, the participants by group,
    the method, the outcome and what changed, with the public pages to read more.

    ``key`` is unique within its provider and stable (it is part of the case page's address);
    ``participants`` is the public total, None where it is withheld or not yet known."""

    key: str
    method: str
    title: str
    issue: str
    places: tuple[str, ...]
    starts_on: date
    ends_on: date | None
    participants: int | None
    by_group: tuple[Figure, ...] = ()
    results: tuple[Figure, ...] = ()
    outcome: str = ""
    what_changed: str = ""
    url: str = ""
    results_url: str = ""
    recommendations: int = 0


def public_count(count):
    """``count`` of people where it may be shown beside the others, None where it describes 1
    to ``MINIMUM - 1`` of them: for counts no page has put under disclosure control yet."""
    return None if count is not None and 0 < count < MINIMUM else count


def count_figure(label, count):
    """A ``Figure`` of people counted, the words "withheld" where ``count`` is None."""
    return Figure(str(label), gettext("withheld") if count is None else str(count))


@dataclass(frozen=True)
class Tally:
    """A source's recommendations as the public register shows them: how many were made, how
    many the municipality accepted (wholly or in part) and how many it implemented."""

    made: int = 0
    accepted: int = 0
    implemented: int = 0

    def __add__(self, other):
        return Tally(
            self.made + other.made,
            self.accepted + other.accepted,
            self.implemented + other.implemented,
        )

    @property
    def what_changed(self):
        """The case's "what changed" as the register tells it, "" before any recommendation."""
        if not self.made:
            return ""
        return ngettext(
            "%(made)d recommendation in the register: %(accepted)d accepted by the "
            "municipality, %(implemented)d implemented.",
            "%(made)d recommendations in the register: %(accepted)d accepted by the "
            "municipality, %(implemented)d implemented.",
            self.made,
        ) % {"made": self.made, "accepted": self.accepted, "implemented": self.implemented}


def recommendation_tallies(model, ids):
    """``{source id: Tally}`` of the public recommendations written from the ``model`` objects
    with ``ids``, in one query whatever their number (a source with none is left out)."""
    Decision, Status = Recommendation.Decision, Recommendation.Status
    rows = (
        Recommendation.objects.public()
        .filter(source_type=ContentType.objects.get_for_model(model), source_id__in=list(ids))
        .order_by()
        .values_list("source_id")
        .annotate(
            made=Count("pk"),
            accepted=Count(
                "pk", filter=Q(decision__in=[Decision.ACCEPTED, Decision.PARTLY_ACCEPTED])
            ),
            implemented=Count("pk", filter=Q(status=Status.IMPLEMENTED)),
        )
    )
    return {
        source: Tally(made, accepted, implemented) for source, made, accepted, implemented in rows
    }


def all_cases(method=None):
    """Every provider's cases as ``(provider, case)`` pairs, the latest first; with ``method``
    (its address), only that method's, asking only the providers that may have used it."""
    found = [
        (name, case)
        for name, provider in cases.items()
        if method is None or method in provider.methods
        for case in provider.cases()
        if method is None or case.method == method
    ]
    return sorted(found, key=lambda pair: pair[1].starts_on, reverse=True)


def case(provider, key):
    """The case ``key`` of ``provider``, or None."""
    if provider not in cases:
        return None
    return next((found for found in cases.get(provider).cases() if found.key == key), None)
