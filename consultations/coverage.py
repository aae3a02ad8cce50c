"""The coverage of the consultations across the settlements: for each consultation and
settlement, its meetings held and planned, who took part by stakeholder group, the proposals made
and accepted; for staff, meetings that overlap in time.

The public reads the attendance the meetings app publishes under disclosure control
(``meetings.selectors.public_attendance``): a cell adds up only counts already public, and is
withheld when any of them is, so nothing can be worked out that the meetings' pages withhold.
Staff read the exact counts."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from ivanovo_portal.meetings.models import Attendance, Meeting
from ivanovo_portal.meetings.selectors import public_attendance
from ivanovo_portal.places.models import Settlement, StakeholderGroup

from .models import Comment, Consultation, ConsultationMeeting

# Wholly or partly accepted: the proposals that changed the document.
ACCEPTED = (Comment.Decision.ACCEPTED, Comment.Decision.PARTLY)


def is_held(meeting, now):
    """Held: closed by staff, or over (and not cancelled)."""
    return meeting.closed_at is not None or meeting.ends_at <= now


@dataclass
class Cell:
    """One consultation in one settlement (or all of them: ``settlement`` None)."""

    settlement: Settlement | None
    held: int = 0
    planned: int = 0
    # By group, in the groups' order; None where withheld; the list is None while nothing is
    # published yet.
    by_group: list | None = None
    participants: int | None = None
    proposals: int = 0
    accepted: int = 0

    def add_meeting(self, meeting, now):
        if is_held(meeting, now):
            self.held += 1
        else:
            self.planned += 1

    def add_counts(self, total, by_group):
        """Add one meeting's attendance: ``by_group`` with None where withheld."""
        if self.by_group is None:
            self.participants, self.by_group = 0, [0] * len(by_group)
        self.participants += total
        self.by_group = [
            None if mine is None or theirs is None else mine + theirs
            for mine, theirs in zip(self.by_group, by_group, strict=True)
        ]


@dataclass
class ConsultationCoverage:
    consultation: Consultation
    rows: list
    total: Cell

    @property
    def settlements_held(self):
        return sum(1 for row in self.rows if row.held)


@dataclass
class Clash:
    """Two meetings at overlapping times; ``same_place`` when in the same settlement."""

    first: Meeting
    second: Meeting

    @property
    def same_place(self):
        return self.first.settlement_id is not None and (
            self.first.settlement_id == self.second.settlement_id
        )


@dataclass
class Coverage:
    groups: list
    settlements: list
    consultations: list
    exact: bool
    clashes: list = field(default_factory=list)

    @property
    def withheld(self):
        return any(
            None in cell.by_group
            for item in self.consultations
            for cell in [*item.rows, item.total]
            if cell.by_group
        )


def coverage(*, exact):
    """Every public consultation across the settlements: the exact attendance and the clashes
    of the meetings to come with ``exact`` (staff), else the attendance the public reads."""
    now = timezone.now()
    groups, settlements = list(StakeholderGroup.objects.all()), list(Settlement.objects.all())
    consultations = list(Consultation.objects.public())
    links = list(
        ConsultationMeeting.objects.filter(consultation__in=consultations)
        .exclude(meeting__status__in=[Meeting.Status.DRAFT, Meeting.Status.CANCELLED])
        .select_related("meeting")
    )
    attendance = _exact_counts(links, groups) if exact else _public_counts(groups)
    proposals = _proposals(consultations)
    items = []
    for consultation in consultations:
        cells = {place.pk: Cell(place) for place in settlements}
        total = Cell(None)
        for link in links:
            meeting = link.meeting
            if link.consultation_id != consultation.pk or meeting.settlement_id not in cells:
                continue
            for cell in (cells[meeting.settlement_id], total):
                cell.add_meeting(meeting, now)
                if meeting.pk in attendance:
                    cell.add_counts(*attendance[meeting.pk])
        for (consultation_pk, place), (made, accepted) in proposals.items():
            if consultation_pk != consultation.pk:
                continue
            for cell in (cells.get(place), total):
                if cell is not None:
                    cell.proposals += made
                    cell.accepted += accepted
        items.append(ConsultationCoverage(consultation, list(cells.values()), total))
    return Coverage(
        groups=groups,
        settlements=settlements,
        consultations=items,
        exact=exact,
        clashes=clashes(now) if exact else [],
    )


def _public_counts(groups):
    """``{meeting pk: (total, by group)}`` of the closed meetings as the public reads them."""
    public = public_attendance()
    counts = {}
    for meeting_pk, meeting_counts in public.meetings.items():
        by_group = {line.key[1]: line.count for line in meeting_counts.by_group}
        counts[meeting_pk] = (meeting_counts.total, [by_group[group.pk] for group in groups])
    return counts


def _exact_counts(links, groups):
    """``{meeting pk: (total, by group)}`` of every meeting anyone was recorded at."""
    rows = (
        Attendance.objects.filter(meeting__in=[link.meeting_id for link in links])
        .values_list("meeting", "group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tallies = defaultdict(dict)
    for meeting, group, n in rows:
        tallies[meeting][group] = n
    return {
        meeting: (sum(tally.values()), [tally.get(group.pk, 0) for group in groups])
        for meeting, tally in tallies.items()
    }


def _proposals(consultations):
    """``{(consultation pk, settlement pk): (made, accepted)}`` of the published proposals, each
    counted in its author's settlement, else in that of the meeting where it was raised."""
    rows = (
        Comment.objects.published()
        .filter(consultation__in=consultations)
        .annotate(place=Coalesce("settlement", "meeting__meeting__settlement"))
        .values_list("consultation", "place")
        .annotate(made=Count("pk"), accepted=Count("pk", filter=Q(decision__in=ACCEPTED)))
        .order_by()
    )
    return {(consultation, place): (made, accepted) for consultation, place, made, accepted in rows}


def clashes(now=None):
    """Pairs of meetings to come (not cancelled) whose times overlap, at least one of them a
    consultation meeting, the earliest first."""
    now = now or timezone.now()
    meetings = list(
        Meeting.objects.public()
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(ends_at__gt=now)
        .select_related("settlement")
        .order_by("starts_at", "pk")
    )
    found = []
    for index, first in enumerate(meetings):
        for second in meetings[index + 1 :]:
            if second.starts_at >= first.ends_at:
                break
            if Meeting.Kind.CONSULTATION in (first.kind, second.kind):
                found.append(Clash(first, second))
    return found
