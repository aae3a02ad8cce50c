"""The meetings' demo: 13 discussions held in spring 2023, one per settlement, about 100 people
by group; the round table and the conference; two coming meetings, one full with a waiting list."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from ivanovo_portal.meetings.models import (
    Attendance,
    Channel,
    Meeting,
    ProgrammeItem,
    Registration,
    Speaker,
)
from ivanovo_portal.places.models import Settlement

MODELS = (Meeting, ProgrammeItem, Speaker, Registration, Attendance)


@pytest.fixture
def seeded(demo_for_module, db):
    """The demo, seeded once for the module."""


def held_discussions():
    return Meeting.objects.filter(kind=Meeting.Kind.CONSULTATION, starts_at__year=2023)


def test_seeding_twice_makes_the_same_rows(seeded):
    counts = {model: model.objects.count() for model in MODELS}
    call_command("seed_demo", stdout=io.StringIO())
    assert {model: model.objects.count() for model in MODELS} == counts
    assert counts[Meeting] == 17


def test_one_discussion_was_held_in_each_settlement_in_spring_2023(seeded):
    discussions = held_discussions()
    assert discussions.count() == 13
    assert set(discussions.values_list("settlement", flat=True)) == set(
        Settlement.objects.values_list("pk", flat=True)
    )
    days = [timezone.localtime(m.starts_at).date() for m in discussions]
    assert min(days) >= date(2023, 3, 1) and max(days) <= date(2023, 5, 31)
    assert not discussions.filter(closed_at=None).exists()
    assert not discussions.filter(closed_at__lte=F("ends_at")).exists()
    assert not Meeting.objects.exclude(sequence=0).exists()


def test_about_a_hundred_took_part_in_the_discussions_by_group(seeded):
    attendance = Attendance.objects.filter(meeting__in=held_discussions())
    by_group = dict(attendance.values_list("group__slug").annotate(n=Count("pk")))
    assert by_group == {"citizens": 63, "ngos": 19, "businesses": 14, "media": 6}
    per_meeting = attendance.values("meeting").annotate(n=Count("pk"))
    assert min(row["n"] for row in per_meeting) >= 5
    walk_ins = attendance.filter(way=Attendance.Way.WALK_IN)
    assert walk_ins.filter(name="").count() == 11
    assert set(attendance.values_list("way", flat=True)) == set(Attendance.Way.values)


def test_discussion_registrations_came_through_every_channel(seeded):
    registrations = Registration.objects.filter(meeting__in=held_discussions())
    assert set(registrations.values_list("channel", flat=True)) == {
        Channel.ONLINE,
        Channel.PHONE,
        Channel.PAPER,
    }
    assert not registrations.exclude(channel=Channel.ONLINE).filter(entered_by=None).exists()
    assert not registrations.filter(channel=Channel.ONLINE).exclude(entered_by=None).exists()
    assert not registrations.exclude(email="").exclude(email__endswith="@example.org").exists()
    assert not registrations.filter(created_at__gt=F("meeting__registration_closes_at")).exists()
    assert not registrations.filter(created_at__lt=F("meeting__registration_opens_at")).exists()
    cancelled = registrations.filter(status=Registration.Status.CANCELLED)
    assert cancelled.count() == 2 and not cancelled.filter(cancelled_at=None).exists()
    no_shows = registrations.filter(status=Registration.Status.CONFIRMED, attendance=None)
    assert no_shows.count() == 7


def test_no_meeting_has_more_confirmed_than_places_and_codes_are_unique(seeded):
    overbooked = Meeting.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    ).filter(confirmed__gt=F("capacity"))
    assert not overbooked.exists()
    codes = Registration.objects.values_list("code", flat=True)
    assert len(set(codes)) == len(codes)
    assert not Registration.objects.exclude(consented_at=F("created_at")).exists()


def test_a_coming_meeting_is_full_with_a_waiting_list_in_order(seeded):
    full = Meeting.objects.get(slug="obsazhdane-mechka-2027")
    assert full.closed_at is None and full.starts_at > timezone.now()
    assert full.registrations.confirmed().count() == full.capacity == 15
    waiting = list(full.registrations.waiting())
    assert len(waiting) == 3
    moved_up = full.registrations.get(promoted_at__isnull=False)
    cancelled = full.registrations.get(status=Registration.Status.CANCELLED)
    assert moved_up.promoted_at == cancelled.cancelled_at
    assert all(moved_up.created_at < r.created_at for r in waiting)
    other = Meeting.objects.get(slug="obsazhdane-krasen-2027")
    assert other.registrations.confirmed().count() == 4
    assert not other.registrations.waiting().exists()


def test_the_conference_in_ruse_has_no_settlement_a_programme_and_guests_from_outside(seeded):
    conference = Meeting.objects.get(kind=Meeting.Kind.CONFERENCE)
    assert conference.settlement is None
    assert timezone.localtime(conference.starts_at).date() == date(2023, 6, 21)
    assert conference.address == "гр. Русе, пл. „Свобода“ 6"
    assert "зала 1" in conference.venue
    round_table = Meeting.objects.get(kind=Meeting.Kind.ROUND_TABLE)
    assert round_table.settlement.slug == "ivanovo"
    for meeting in (conference, round_table):
        assert meeting.programme.count() >= 5 and meeting.speakers.count() >= 3
        assert not meeting.speakers.filter(items=None).exists()
        assert not meeting.speakers.exclude(photo="").exists()
        assert meeting.closed_at is not None and meeting.attendance.count() >= 20
    # Guests from Ruse and the region came to the conference, recorded as from outside.
    assert conference.attendance.filter(settlement=None).count() == 8
    assert not round_table.attendance.filter(settlement=None).exists()
