"""The campaign's cases for the toolkit: a round table or conference once held, with its
attendance by group as the meetings publish it."""

import pytest
from django.utils import timezone

from campaign import cases as provider
from campaign.services import events as services
from ivanovo_portal.meetings.models import Attendance, Meeting
from ivanovo_portal.meetings.services import attendance
from ivanovo_portal.recommendations import services as recommendations
from tests.meetings.conftest import build_meeting, register

pytestmark = pytest.mark.django_db


def held_event(staff, *, kind=Meeting.Kind.ROUND_TABLE, slug="krugla-masa", people=3, days=-1):
    meeting = build_meeting(slug=slug, title="Кръгла маса", kind=kind, days=days, capacity=40)
    for number in range(people):
        attendance.check_in(
            register(meeting, f"Участник {number}"), way=Attendance.Way.CODE, user=staff
        )
    Meeting.objects.filter(pk=meeting.pk).update(closed_at=timezone.now())
    return services.create_event(user=staff, meeting=meeting, aims="Да обсъдим резултатите.")


def test_a_held_round_table_is_a_case_with_its_published_attendance(staff):
    event = held_event(staff, people=6)
    recommendation = recommendations.create_recommendation(
        user=staff, title="Повече срещи", text="Текст.", rationale="Мотиви.", source=event
    )
    recommendations.approve(recommendation, user=staff)

    [case] = provider.event_cases()

    assert (case.key, case.method) == ("krugla-masa", "round-table")
    assert case.participants == 6
    assert case.places == ("Пиргово",)
    assert case.recommendations == 1
    assert "1" in case.outcome
    citizens = next(figure for figure in case.by_group if figure.value == "6")
    assert citizens.label


def test_a_conference_still_to_come_is_not_a_case(staff):
    held_event(staff, kind=Meeting.Kind.CONFERENCE, slug="konferentsiya", people=0, days=10)

    assert provider.event_cases() == []


def test_a_group_of_fewer_than_five_is_not_shown_as_a_number(staff):
    held_event(staff, people=3)

    [case] = provider.event_cases()

    values = [figure.value for figure in case.by_group]
    assert "3" not in values
    assert "не се показва" in values
