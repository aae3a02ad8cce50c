"""The planning sheet: a method's steps dated from a start day, who does what, what it takes,
how people are told, how the results are reported back and, for a consultation, the notice for
the mayoralty's board. ``make_plan`` is pure: it reads the method (steps, templates and
placements loaded) and what the organiser typed, and touches no database."""

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import holidays
from django.utils import dateformat
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import PROJECT

from .code import DUTIES, Level, Step
from .models.methods import Cost, Facilitation

# ЗНА чл. 26, ал. 4: at least 30 days for proposals and views on a draft normative act; in
# exceptional cases, with the reasons stated, no fewer than 14.
LEGAL_DAYS = 30
SHORTEST_DAYS = 14
# Methods that take views on a draft whatever their placements say: the notice suits them.
CONSULTATIONS = {
    "public-discussion",
    "online-consultation",
    "written-consultation",
    "public-hearing",
}


@dataclass(frozen=True)
class DatedStep:
    title: str
    who: str
    detail: str
    on: date
    # The weekday or the public holiday when ``on`` is a day off, else empty.
    day_off: str


@dataclass(frozen=True)
class Notice:
    """What the notice for the board says besides what the organiser typed."""

    authority: str
    opens: date
    closes: date
    days: int
    normative: bool
    reasons: str
    # Where written views are handed in when the organiser gave no contact.
    office: str
    # Who signs it when the organiser is not named.
    signer: str


@dataclass(frozen=True)
class Plan:
    method: object
    decision: str
    settlement: Settlement | None
    organiser: str
    start: date
    steps: list[DatedStep]
    resources: list[str]
    channels: list[str]
    report_by: date
    report: list[str]
    # The step of the decision and what the Code asks of the authority at it.
    step: Step | None
    duty: str
    meeting_at: datetime | None
    venue: str
    contact: str
    notice: Notice | None

    @property
    def has_day_off(self):
        return any(step.day_off for step in self.steps)


@functools.lru_cache(maxsize=32)
def _days_off(year, language):
    # The library's Bulgarian public holidays, with the days off that replace one falling on a
    # weekend (Кодекс на труда чл. 154), named in the page's language.
    return holidays.country_holidays("BG", years=year, language=language)


def day_off(day):
    """The public holiday or the weekday when ``day`` is not a working day, else ``""``."""
    names = _days_off(day.year, "en_US" if get_language() == "en" else "bg")
    if day in names:
        return names[day]
    if day.weekday() >= 5:
        return dateformat.format(day, "l")
    return ""


def next_working_day(day):
    """``day`` itself when it is a working day, else the first working day after it."""
    while day_off(day):
        day += timedelta(days=1)
    return day


def is_consultation(method):
    """Whether the method takes people's views on a draft: the board notice is offered for it."""
    return method.slug in CONSULTATIONS or any(
        placement.level == Level.CONSULTATION for placement in method.placements.all()
    )


def _local_office(settlement):
    """Who answers for the place in a notice: who puts it on the board, who signs it and where
    written views are handed in (Bulgarian, as the notice is) — the municipality for the
    administrative centre and the whole municipality, else the settlement's mayor or deputy
    mayor."""
    if settlement is None or settlement.mayor_kind == Settlement.MayorKind.MUNICIPAL_MAYOR:
        return (
            PROJECT.partner,
            f"Кмет на {PROJECT.partner}",
            f"деловодството на {PROJECT.partner}, {PROJECT.municipality_address}",
        )
    if settlement.mayor_kind == Settlement.MayorKind.MAYOR:
        return (
            f"Кметство {settlement.name}",
            f"Кмет на с. {settlement.name}",
            f"кметството в с. {settlement.name}",
        )
    deputy = f"Кметски наместник на с. {settlement.name}"
    return deputy, deputy, f"кметското наместничество в с. {settlement.name}"


def make_plan(
    method,
    *,
    decision="",
    settlement=None,
    organiser="",
    start,
    meeting_at=None,
    venue="",
    contact="",
    normative=False,
    days=LEGAL_DAYS,
    reasons="",
    opens_on=None,
    step=None,
):
    """The plan of running ``method`` for ``decision`` in ``settlement`` (``None``: the whole
    municipality) from ``start``, at ``step`` of the decision (else the first the method
    serves)."""
    steps = []
    for task in method.steps.all():
        on = start + timedelta(days=task.day)
        steps.append(DatedStep(task.title, task.who, task.detail, on, day_off(on)))
    report_by = steps[-1].on if steps else start
    channels = _channels(method, settlement)
    notice = None
    if is_consultation(method):
        opens = opens_on or start
        authority, signer, office = _local_office(settlement)
        notice = Notice(
            authority=authority,
            opens=opens,
            closes=next_working_day(opens + timedelta(days=days)),
            days=days,
            normative=normative,
            reasons=reasons,
            office=office,
            signer=signer,
        )
        report_by = max(report_by, notice.closes)
    served = {placement.step for placement in method.placements.all()}
    step = step or next((s for s in Step if s in served), None)
    return Plan(
        method=method,
        decision=decision,
        settlement=settlement,
        organiser=organiser,
        start=start,
        steps=steps,
        resources=_resources(method),
        channels=channels,
        report_by=report_by,
        report=_report(notice),
        step=Step(step) if step else None,
        duty=DUTIES[step] if step else "",
        meeting_at=meeting_at,
        venue=venue,
        contact=contact,
        notice=notice,
    )


def _resources(method):
    resources = [_("Money: %(cost)s.") % {"cost": Cost(method.cost).label}]
    if method.cost_note:
        resources[0] += f" {method.cost_note}"
    resources.append(
        _("Facilitation: %(facilitation)s.")
        % {"facilitation": Facilitation(method.facilitation).label}
    )
    if method.group_max is None:
        resources.append(_("People: at least %(fewest)d.") % {"fewest": method.group_min})
    else:
        resources.append(
            _("People: %(fewest)d to %(most)d.")
            % {"fewest": method.group_min, "most": method.group_max}
        )
    if method.paper:
        resources.append(
            _(
                "Printed copies of the materials and of a form for written views, for people "
                "without internet."
            )
        )
    if method.online:
        resources.append(_("A page on the municipality's website or in this portal."))
    return resources


def _channels(method, settlement):
    """How people are told, the ways without internet first when the method works without it."""
    if settlement is None:
        boards = _("The notice boards of the municipality and of every mayoralty.")
    elif settlement.mayor_kind == Settlement.MayorKind.MUNICIPAL_MAYOR:
        boards = _("The municipality's notice board in %(place)s.") % {
            "place": settlement.display_name
        }
    elif settlement.mayor_kind == Settlement.MayorKind.MAYOR:
        boards = _("The notice board of the mayoralty of %(place)s.") % {
            "place": settlement.display_name
        }
    else:
        boards = _("The notice board of the deputy mayor of %(place)s.") % {
            "place": settlement.display_name
        }
    offline = [
        boards,
        _("Notices where people meet: the community centre (chitalishte), the shop, the bus stop."),
        _("Phone calls or visits to elderly and housebound people, by the mayor or volunteers."),
    ]
    if settlement is None or settlement.is_admin_centre:
        offline.append(_("The local radio and newspapers: a short press release."))
    online = [
        _("The municipality's website."),
        _("This portal's news and its newsletter."),
    ]
    return offline + online if method.offline else online + offline


def _report(notice):
    """How the results go back to the people who took part."""
    report = [
        _(
            "Tell people what was heard and what the municipality will do with it, in the same "
            "places where they were told of it, and give the reasons for what is not taken up."
        )
    ]
    if notice is not None and notice.normative:
        report.append(
            _(
                "Before the act is adopted, publish on the municipality's website the report of "
                "the proposals and views received, with the reasons for those not accepted "
                "(Normative Acts Act, Art. 26(5))."
            )
        )
    return report
