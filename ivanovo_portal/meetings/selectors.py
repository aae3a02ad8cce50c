"""Reads of public meetings: who is at the door, and attendance counted by stakeholder group and
settlement, per meeting and in total — exactly for staff, under disclosure control for the public.

The public reads the counts of each closed meeting (attendance is final once closed, so a
meeting's figures do not move while people watch) and their total. All these views are one table
(``ivanovo_portal.disclosure``): no cell, nor a meeting's total minus its other cells, nor the
total of all meetings minus the others, describes fewer than ``MINIMUM`` people.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import translation

from ivanovo_portal.disclosure import MINIMUM, Table
from ivanovo_portal.places.models import Settlement, StakeholderGroup

from .models import Attendance, Meeting, Registration

# Registrants found by name at the door: enough for a common name, few enough for a phone.
SEARCH_RESULTS = 20
# Check-ins listed at the door, the latest first, for a correction.
RECENT = 15


# The door


def door_url(registration):
    """The absolute address the QR code of a registrant's confirmation opens at the door."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("meetings:door_code", args=[registration.code])
    return f"{settings.PORTAL_URL}{path}"


def running_count(meeting):
    """``{"present", "registrants", "walk_ins", "expected"}`` of ``meeting`` now."""
    present = meeting.attendance.aggregate(
        present=Count("pk"),
        registrants=Count("pk", filter=Q(registration__isnull=False)),
        walk_ins=Count("pk", filter=Q(registration__isnull=True)),
    )
    present["expected"] = meeting.registrations.confirmed().count()
    return present


def find_registrants(meeting, query):
    """Confirmed registrants of ``meeting`` whose name contains ``query``, with their check-in."""
    query = query.strip()
    if not query:
        return []
    found = (
        Registration.objects.confirmed()
        .filter(meeting=meeting, name__icontains=query)
        .select_related("settlement", "group", "attendance__recorded_by")
        .order_by("name", "pk")
    )
    return list(found[:SEARCH_RESULTS])


def recent_attendance(meeting, limit=RECENT):
    """The latest people recorded at ``meeting``, the latest first."""
    return list(
        meeting.attendance.select_related("settlement", "group", "recorded_by").order_by(
            "-recorded_at", "-pk"
        )[:limit]
    )


def sheet_registrants(meeting):
    """The confirmed registrants of ``meeting`` as the sign-in sheet prints them, by name."""
    return list(
        Registration.objects.confirmed()
        .filter(meeting=meeting)
        .select_related("settlement", "group", "attendance")
        .order_by("name", "pk")
    )


# Counts


@dataclass
class Line:
    """One row of a breakdown: ``count`` is None where it is withheld."""

    key: tuple
    label: str
    count: int | None


@dataclass
class Counts:
    total: int
    by_group: list = field(default_factory=list)
    by_settlement: list = field(default_factory=list)

    @property
    def withheld(self):
        return any(line.count is None for line in [*self.by_group, *self.by_settlement])


def _tally(meetings):
    """``{meeting pk: {key: n}}`` with keys ``("n",)``, ``("group", pk)``, ``("place", pk)``."""
    tallies = {meeting.pk: {("n",): 0} for meeting in meetings}
    rows = (
        Attendance.objects.filter(meeting__in=[meeting.pk for meeting in meetings])
        .values_list("meeting", "group", "settlement")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for meeting, group, settlement, n in rows:
        tally = tallies[meeting]
        tally[("n",)] += n
        for key in (("group", group), ("place", settlement)):
            tally[key] = tally.get(key, 0) + n
    return tallies


def _summed(tallies):
    total = {("n",): 0}
    for tally in tallies:
        for key, n in tally.items():
            total[key] = total.get(key, 0) + n
    return total


def _names():
    """The groups and the settlements, in their order, once per page."""
    return list(StakeholderGroup.objects.all()), list(Settlement.objects.all())


def _counts(tally, names, hidden=frozenset()):
    """The ``Counts`` of one tally, every group listed, settlements where anyone came (or where
    the count is withheld, so that leaving out a zero gives nothing away)."""
    groups, places = names
    by_group = [
        Line(("group", group.pk), group.display_name, tally.get(("group", group.pk), 0))
        for group in groups
    ]
    by_settlement = [
        Line(("place", place.pk), place.display_name, tally.get(("place", place.pk), 0))
        for place in places
        if tally.get(("place", place.pk)) or ("place", place.pk) in hidden
    ]
    for line in [*by_group, *by_settlement]:
        if line.key in hidden:
            line.count = None
    return Counts(tally[("n",)], by_group, by_settlement)


def counts_for(meeting):
    """The exact attendance of ``meeting`` by group and settlement, for staff."""
    return _counts(_tally([meeting])[meeting.pk], _names())


def total_counts(meetings):
    """The exact attendance of ``meetings`` together, for staff."""
    return _counts(_summed(_tally(list(meetings)).values()), _names())


def closed_meetings():
    """The meetings whose attendance the public reads, in the order they were closed."""
    return list(
        Meeting.objects.public().filter(closed_at__isnull=False).order_by("closed_at", "pk")
    )


@dataclass
class PublicAttendance:
    meetings: dict  # meeting pk: Counts, with what is withheld set to None
    total: Counts | None  # None before any meeting is closed

    def of(self, meeting):
        """The public counts of ``meeting``; None until it is closed."""
        return self.meetings.get(meeting.pk)


def public_attendance():
    """The counts the public reads of every closed meeting and of all of them together."""
    meetings = closed_meetings()
    tallies = _tally(meetings)
    names = groups, places = _names()
    keys = [("group", group.pk) for group in groups] + [("place", place.pk) for place in places]
    hidden = _protect([tallies[meeting.pk] for meeting in meetings], keys)

    def withheld(view):
        return {key[len(view) :] for key in hidden if key[: len(view)] == view}

    counts = {
        meeting.pk: _counts(tallies[meeting.pk], names, withheld(("m", i)))
        for i, meeting in enumerate(meetings)
    }
    total = _counts(_summed(tallies.values()), names, withheld(("t",)))
    return PublicAttendance(counts, total if meetings else None)


def _protect(tallies, keys):
    """The cells to withhold of the meetings' views ``("m", i, *key)`` and of their total
    ``("t", *key)``, protected together (see the module). Each meeting is protected on its own
    first: starting from what each must withhold anyway, the total keeps what the meetings'
    suppressions already cover, instead of the first cell the search happens to reach."""
    views = [(("m", i), tally) for i, tally in enumerate(tallies)]
    withheld = set().union(*(_table([view], keys).protect() for view in views))
    table = _table([*views, (("t",), _summed(tallies))], keys)
    for key in keys:
        table.total(("t", *key), [("m", i, *key) for i in range(len(tallies))])
    return table.protect(withheld=withheld)


def _table(views, keys):
    """A disclosure table of ``views`` ``(prefix, tally)``: each view's cells add up to its
    number of people, by group and by settlement."""
    table = Table(MINIMUM)
    for view, values in views:
        table.cell((*view, "n"), values[("n",)], fixed=True)
        for key in keys:
            table.cell((*view, *key), values.get(key, 0))
        for dimension in ("group", "place"):
            table.total((*view, "n"), [(*view, *key) for key in keys if key[0] == dimension])
    return table
