"""A scheduled consultation meeting in a village, open for registration, shared by the meetings
tests: 3 places, in ten days at 18:00 Sofia time."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from ivanovo_portal.meetings.models import Meeting, Registration
from ivanovo_portal.places.models import Settlement, StakeholderGroup


def at(day, hour, minute=0):
    """An aware datetime at ``hour`` on ``day`` in the portal's time zone (Europe/Sofia)."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def build_meeting(*, slug="obsazhdane-pirgovo", capacity=3, days=10, **fields):
    day = timezone.localdate() + timedelta(days=days)
    return Meeting.objects.create(
        **{
            "title": "Обществено обсъждане в Пиргово",
            "slug": slug,
            "kind": Meeting.Kind.CONSULTATION,
            "summary": "Обсъждане на проекта на плана за интегрирано развитие.",
            "starts_at": at(day, 18),
            "ends_at": at(day, 20),
            "settlement": Settlement.objects.get(slug="pirgovo"),
            "venue": "Народно читалище „Светлина 1927“",
            "address": "с. Пиргово, ул. „Иван Вазов“ 2",
            "step_free": True,
            "capacity": capacity,
            "status": Meeting.Status.SCHEDULED,
            **fields,
        }
    )


def register(meeting, name="Иван Петров", *, status=Registration.Status.CONFIRMED, **fields):
    return Registration.objects.create(
        **{
            "meeting": meeting,
            "name": name,
            "settlement": Settlement.objects.get(slug="pirgovo"),
            "group": StakeholderGroup.objects.get(slug="citizens"),
            "email": f"{name.split()[0].lower()}@example.org",
            "consented_at": timezone.now(),
            "status": status,
            **fields,
        }
    )


@pytest.fixture
def meeting(db):
    return build_meeting()
