"""Proposals and closed consultations for the справка's and the coverage's tests."""

from django.utils import timezone

from consultations.models import Comment, ConsultationMeeting
from ivanovo_portal.meetings.models import Attendance
from ivanovo_portal.places.models import Settlement, StakeholderGroup

from .conftest import build_consultation

Decision = Comment.Decision


def closed_consultation(slug="naredba-za-reda", **fields):
    """A published consultation whose comment period closed ten days ago."""
    return build_consultation(slug=slug, opened_days_ago=40, days_open=30, **fields)


def proposal(consultation, text="Предлагам забраната да важи от 23 часа.", **fields):
    """A published proposal, on the section ``chl-2`` unless told otherwise."""
    fields.setdefault("section", consultation.versions.get().sections.get(key="chl-2"))
    fields.setdefault("author_name", "Мария Иванова")
    return Comment.objects.create(
        consultation=consultation,
        text=text,
        status=fields.pop("status", Comment.Status.PUBLISHED),
        **fields,
    )


def decided(comment, decision=Decision.ACCEPTED, reason=""):
    Comment.objects.filter(pk=comment.pk).update(decision=decision, decision_reason=reason)
    comment.refresh_from_db()
    return comment


def link(consultation, meeting):
    return ConsultationMeeting.objects.create(consultation=consultation, meeting=meeting)


def attend(meeting, group="citizens", count=1, settlement=None):
    settlement = settlement or meeting.settlement
    group = StakeholderGroup.objects.get(slug=group)
    for _ in range(count):
        Attendance.objects.create(
            meeting=meeting, settlement=settlement, group=group, way=Attendance.Way.WALK_IN
        )


def close(meeting):
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["closed_at"])
    return meeting


def settlement(slug):
    return Settlement.objects.get(slug=slug)
