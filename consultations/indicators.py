"""The consultations' figures for the project's indicators (registered when the app is ready):
public discussions held in the settlements and who took part. The recommendations given to the
municipality are counted by the register (``consultation_recommendations_filed``)."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ivanovo_portal.meetings.models import Attendance, Meeting

# The participants the target counts: NGOs, business, the media and citizens (not the
# municipality's own staff or mayors).
PARTICIPANT_GROUPS = ("citizens", "ngos", "businesses", "media")


def held_discussions():
    """Consultation meetings held: closed by staff, or over with attendance recorded."""
    attended = Attendance.objects.filter(meeting=OuterRef("pk"))
    return (
        Meeting.objects.public()
        .filter(kind=Meeting.Kind.CONSULTATION)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(Q(closed_at__isnull=False) | Q(ends_at__lte=timezone.now()) & Exists(attended))
    )


def consultations_held():
    return held_discussions().count()


def consultations_settlements():
    return (
        held_discussions()
        .filter(settlement__isnull=False)
        .order_by()
        .values("settlement")
        .distinct()
        .count()
    )


def consultation_participants():
    return Attendance.objects.filter(
        meeting__in=held_discussions(), group__slug__in=PARTICIPANT_GROUPS
    ).count()
