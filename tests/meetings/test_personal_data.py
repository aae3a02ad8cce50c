"""What the meetings keep about people, in the personal-data register: registrants' names and
contacts go six months after the meeting, the names of those who came too (their counts stay),
a person's registrations are found and erased by their e-mail address."""

from datetime import timedelta

import pytest
from django.urls import reverse

from ivanovo_portal.accounts import personal_data
from ivanovo_portal.accounts.personal_data import Person
from ivanovo_portal.accounts.retention import apply_retention
from ivanovo_portal.meetings.models import Attendance, Registration
from ivanovo_portal.meetings.privacy import KEPT_DAYS

from .conftest import register

pytestmark = pytest.mark.django_db


def checked_in(registration):
    return Attendance.objects.create(
        meeting=registration.meeting,
        registration=registration,
        name=registration.name,
        settlement=registration.settlement,
        group=registration.group,
        way=Attendance.Way.CODE,
    )


def test_registrations_are_kept_six_months_after_the_meeting(meeting):
    register(meeting, "Иван Петров")
    held = meeting.ends_at

    apply_retention(now=held + timedelta(days=KEPT_DAYS - 1))
    assert Registration.objects.count() == 1

    counts = apply_retention(now=held + timedelta(days=KEPT_DAYS + 1))
    assert counts["meeting_registrations"] == 1
    assert not Registration.objects.exists()


def test_those_who_came_stay_in_the_counts_without_their_names(meeting):
    came = checked_in(register(meeting, "Иван Петров"))
    walk_in = Attendance.objects.create(
        meeting=meeting,
        name="Петър Димов",
        settlement=came.settlement,
        group=came.group,
        way=Attendance.Way.WALK_IN,
    )

    apply_retention(now=meeting.ends_at + timedelta(days=KEPT_DAYS + 1))

    assert not Registration.objects.exists()
    assert Attendance.objects.filter(meeting=meeting).count() == 2
    assert set(Attendance.objects.values_list("name", flat=True)) == {""}
    walk_in.refresh_from_db()
    assert walk_in.group == came.group and walk_in.settlement == came.settlement


def test_a_persons_registrations_are_found_and_erased_by_their_email(meeting):
    mine = register(meeting, "Иван Петров", email="Ivan@Example.org")
    checked_in(mine)
    register(meeting, "Мария Колева", email="maria@example.org")
    person = Person(email="ivan@example.org")

    found = personal_data.export(person)
    assert [row["name"] for row in found["meeting_registrations"]] == ["Иван Петров"]
    assert [row["name"] for row in found["meeting_attendance"]] == ["Иван Петров"]

    personal_data.erase(person)

    assert list(Registration.objects.values_list("name", flat=True)) == ["Мария Колева"]
    assert Attendance.objects.get().name == ""


def test_the_privacy_notice_names_the_meetings_data_and_its_period(client, english):
    html = client.get(reverse("privacy:notice")).content.decode()

    assert "Registrations for public meetings" in html
    assert f"{KEPT_DAYS} days (six months) after the meeting" in html
    assert "Speakers at public meetings" in html
