"""Reads of public meetings: who is at the door, and attendance counted by stakeholder group and
settlement, per meeting and in total — exactly for staff, under disclosure control for the public.

The public reads the counts of each closed meeting (attendance is final once closed, so a
meeting's figures never move) and their total, which grows each time a meeting closes. Anyone
may have kept every earlier version of the total, so the protection replays the closings in
their order: after each one, the views published until then (every closed meeting and every
earlier total, with what each withheld) and the new ones form one table
(``ivanovo_portal.disclosure``), tied by "this total = the previous one + the meeting just
closed". No cell, nor anything worked out from the views of any moments together — a meeting's
number minus its other cells, a total minus an earlier one, minus the meetings shown — describes
fewer than ``MINIMUM`` people; and a total cell is shown only where what it adds to its last
shown value, beyond cells shown, is none or at least ``MINIMUM`` people.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from ivanovo_portal.disclosure import MINIMUM, Ledger, Table
from ivanovo_portal.places.models import Settlement, StakeholderGroup

from .models import Attendance, Meeting, Registration

# Registrants found by name at the door: enough for a common name, few enough for a phone.
SEARCH_RESULTS = 20
# Check-ins listed at the door, the latest first, for a correction.
RECENT = 15
# Until the next closing changes the set, the replay of the closings is kept (seconds), under a
# key naming the replay's rules: a change to them replays afresh, never serving the old result.
WITHHELD_KEPT = 30 * 24 * 3600
REPLAY_RULES = 2
# The line of the people from outside the municipality (no settlement) in the counts.
OUTSIDE_KEY = ("place", None)


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
    """``{meeting pk: {key: n}}`` with keys ``("n",)``, ``("group", pk)``, ``("place", pk)`` and
    ``OUTSIDE_KEY``."""
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
    """The keys and labels of the groups, then of the places (the settlements, then outside the
    municipality), in their order, once per page."""
    groups = [(("group", group.pk), group.display_name) for group in StakeholderGroup.objects.all()]
    places = [(("place", place.pk), place.display_name) for place in Settlement.objects.all()]
    places.append((OUTSIDE_KEY, gettext("Outside the municipality")))
    return groups, places


def _counts(tally, names, hidden=frozenset()):
    """The ``Counts`` of one tally, every group listed, places where anyone came (or where the
    count is withheld, so that leaving out a zero gives nothing away)."""
    groups, places = names
    by_group = [Line(key, label, tally.get(key, 0)) for key, label in groups]
    by_settlement = [
        Line(key, label, tally.get(key, 0))
        for key, label in places
        if tally.get(key) or key in hidden
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
    keys = [key for key, _label in [*groups, *places]]
    meetings_withheld, totals_withheld = _withheld(
        meetings, [tallies[m.pk] for m in meetings], keys
    )
    counts = {
        meeting.pk: _counts(tallies[meeting.pk], names, meetings_withheld[i])
        for i, meeting in enumerate(meetings)
    }
    if not meetings:
        return PublicAttendance(counts, None)
    total = _counts(_summed(tallies.values()), names, totals_withheld[-1])
    return PublicAttendance(counts, total)


def _withheld(meetings, tallies, keys):
    """What each closed meeting and each version of the total withhold, replayed once per set
    of closed meetings (their attendance is final: the set and the order of the closings say
    it all) and kept in the cache."""
    closings = [(meeting.pk, meeting.closed_at.isoformat()) for meeting in meetings]
    signature = hashlib.sha256(repr((closings, keys)).encode()).hexdigest()

    def replay():
        history = _History(tallies, keys)
        return history.meetings, [withheld for _, withheld in history.totals]

    key = f"meetings:withheld:v{REPLAY_RULES}:{signature}"
    return cache.get_or_set(key, replay, timeout=WITHHELD_KEPT)


class _History:
    """What the public read after each closing, replayed: ``meetings[i]`` the keys withheld of
    the i-th meeting closed, ``totals[j]`` the total after the j-th closing and its keys
    withheld (see the module).

    Each closing publishes the meeting's cells, then the new total's, one at a time into
    ``Ledger``s of what anyone can work out (one per dimension: groups and settlements are tied
    only by the number of people, which is public); a cell that would let anyone work out a
    secret — a cell of 1 to MINIMUM - 1 people, or a total's cell held back because it would add
    too few — now or earlier, is withheld too. (A cell withheld only to cover a secret may come
    to be worked out later: it tells nothing the ledger lets through about any secret.)"""

    def __init__(self, tallies, keys):
        self.tallies, self.keys = tallies, keys
        self.meetings, self.totals = [], []
        self.ledgers = {"group": Ledger(), "place": Ledger()}
        self.secrets = set()  # as ("m" or "t", step, *key)
        running = {("n",): 0}
        for tally in tallies:
            running = _summed([running, tally])
            self._close(tally, running)

    def _close(self, tally, total):
        step = len(self.meetings)
        for key in self.keys:
            # This total = the previous one + the meeting just closed, for every cell.
            previous = {("t", step - 1, *key): -1} if step else {}
            self._ledger(key).learn({("t", step, *key): 1, ("m", step, *key): -1, **previous}, 0)
        for dimension, ledger in self.ledgers.items():
            cells = {("m", step, *key): 1 for key in self.keys if key[0] == dimension}
            ledger.learn(cells, tally[("n",)])
        # The meeting on its own first (a small cell, and what its number minus the others
        # would give away), then each other cell, zeros and small ones first.
        meeting = set(_table([(("m", step), tally)], self.keys).protect())
        self.secrets |= {cell for cell in meeting if 0 < tally.get(cell[2:], 0) < MINIMUM}
        for key in sorted(self.keys, key=lambda key: (tally.get(key, 0), repr(key))):
            if ("m", step, *key) not in meeting and not self._publish(("m", step), key, tally):
                meeting.add(("m", step, *key))
        meeting = {cell[2:] for cell in meeting}
        # The total: its small cells, and those that would add too few people, withheld first;
        # then the others, the largest first (they tell the least about anyone).
        withheld = {
            key
            for key in self.keys
            if 0 < total.get(key, 0) < MINIMUM or self._adds_few(key, meeting)
        }
        self.secrets |= {("t", step, *key) for key in withheld}
        for key in sorted(self.keys, key=lambda key: (-total.get(key, 0), repr(key))):
            if key not in withheld and not self._publish(("t", step), key, total):
                withheld.add(key)
        self.meetings.append(meeting)
        self.totals.append((total, withheld))

    def _ledger(self, key):
        return self.ledgers[key[0]]

    def _publish(self, view, key, values):
        """Publish the cell ``key`` of ``view`` unless anyone could then work out a secret; say
        whether it was published."""
        ledger = self._ledger(key)
        saved = ledger.save()
        ledger.learn({(*view, *key): 1}, values.get(key, 0))
        if any(ledger.knows(cell) is not None for cell in self.secrets if cell[2] == key[0]):
            ledger.restore(saved)
            return False
        return True

    def _adds_few(self, key, meeting):
        """Whether showing the total's ``key`` now tells of 1 to MINIMUM - 1 people withheld
        since its last shown value: the withheld cells of the meetings closed since, together."""
        step = len(self.meetings)
        last = next((j for j in range(step - 1, -1, -1) if key not in self.totals[j][1]), -1)
        withheld = [*self.meetings[last + 1 :], meeting]
        added = sum(
            self.tallies[i].get(key, 0)
            for i, keys in enumerate(withheld, start=last + 1)
            if key in keys
        )
        return 0 < added < MINIMUM


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
