"""Meetings as iCalendar: one event per meeting under a lasting UID, the right hour across the
change to and from summer time, SEQUENCE and STATUS for changes, and text kept literal."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.meetings import ics
from ivanovo_portal.meetings.models import Meeting

from .conftest import at, build_meeting, register

pytestmark = pytest.mark.django_db
SOFIA = ZoneInfo("Europe/Sofia")


def last_sunday(year, month):
    """The last Sunday of March or October (both have 31 days): when summer time begins or ends."""
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() - 6) % 7)


def next_change(month):
    """The next day the clocks change in ``month`` (3 or 10) that is still some days away."""
    year = timezone.localdate().year
    while last_sunday(year, month) <= timezone.localdate() + timedelta(days=3):
        year += 1
    return last_sunday(year, month)


def events(calendar):
    """Each VEVENT of a calendar (bytes, or text as an e-mail's attachment) as a dict of its
    properties, lines unfolded."""
    text = calendar.decode() if isinstance(calendar, bytes) else calendar
    assert text.endswith("\r\n")
    lines = text.replace("\r\n ", "").split("\r\n")
    found, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return found


def utc(value):
    return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def local(value):
    return utc(value).astimezone(SOFIA)


@pytest.mark.parametrize(("month", "utc_hour"), [(3, 15), (10, 16)])
def test_a_meeting_on_the_day_the_clocks_change_is_exported_at_its_local_hour(month, utc_hour):
    day = next_change(month)
    meeting = build_meeting(starts_at=at(day, 18), ends_at=at(day, 20))

    (event,) = events(ics.calendar([meeting]))

    assert event["DTSTART"] == f"{day:%Y%m%d}T{utc_hour}0000Z"
    assert (local(event["DTSTART"]).hour, local(event["DTEND"]).hour) == (18, 20)
    assert local(event["DTSTART"]).date() == day


def test_a_meeting_across_the_night_the_clocks_go_forward_lasts_an_hour_less():
    day = next_change(3)
    meeting = build_meeting(starts_at=at(day - timedelta(days=1), 22), ends_at=at(day, 6))

    (event,) = events(ics.calendar([meeting]))

    assert utc(event["DTEND"]) - utc(event["DTSTART"]) == timedelta(hours=7)
    assert local(event["DTEND"]).hour == 6


def test_each_meeting_is_one_event_whose_uid_does_not_change(meeting):
    other = build_meeting(slug="drugo")
    first = events(ics.calendar([meeting, other]))

    Meeting.objects.filter(pk=meeting.pk).update(title="Ново заглавие", sequence=2)
    meeting.refresh_from_db()
    again = events(ics.calendar([meeting]))

    assert len(first) == 2 and first[0]["UID"] != first[1]["UID"]
    assert again[0]["UID"] == first[0]["UID"]
    assert (first[0]["SEQUENCE"], again[0]["SEQUENCE"]) == ("0", "2")
    assert again[0]["SUMMARY"] == "Ново заглавие"


def test_a_cancelled_meeting_is_marked_cancelled_and_a_scheduled_one_confirmed(meeting):
    cancelled = build_meeting(slug="otmeneno", status=Meeting.Status.CANCELLED)

    scheduled, gone = events(ics.calendar([meeting, cancelled]))

    assert scheduled["STATUS"] == "CONFIRMED"
    assert gone["STATUS"] == "CANCELLED"


def test_the_event_says_where_and_links_to_the_meetings_page(meeting, settings):
    (event,) = events(ics.calendar([meeting]))

    assert event["LOCATION"] == (
        "Народно читалище „Светлина 1927“\\, с. Пиргово\\, ул. „Иван Вазов“ 2"
    )
    assert event["URL"] == settings.PORTAL_URL + meeting.get_absolute_url()
    assert event["DTSTAMP"].endswith("Z")


def test_what_staff_typed_stays_literal():
    meeting = build_meeting(
        title="Бюджет; първо четене, втори ден",
        summary="Ред 1\nРед 2 \\ край",
        online_url="https://meet.example.org/ivanovo",
    )

    (event,) = events(ics.calendar([meeting]))

    assert event["SUMMARY"] == "Бюджет\\; първо четене\\, втори ден"
    assert event["DESCRIPTION"].startswith("Ред 1\\nРед 2 \\\\ край\\nhttps://meet.example.org/")


def test_long_lines_are_folded_within_75_octets_without_splitting_a_letter():
    meeting = build_meeting(summary="Обсъждане на плана за интегрирано развитие. " * 10)

    text = ics.calendar([meeting])

    physical = text.split(b"\r\n")
    assert max(len(line) for line in physical) <= 75
    assert all(line.decode() for line in physical if line)  # each part is whole UTF-8
    (event,) = events(text)
    assert event["DESCRIPTION"].count("Обсъждане") == 10


def test_the_calendar_has_its_frame_and_name(meeting):
    text = ics.calendar([meeting], name="Срещи, Иваново").decode()

    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert "X-WR-CALNAME:Срещи\\, Иваново\r\n" in text
    assert text.endswith("END:VCALENDAR\r\n")


@pytest.mark.parametrize("month", [3, 10])
def test_the_pages_show_a_meeting_on_the_day_the_clocks_change_at_its_local_hour(client, month):
    day = next_change(month)
    meeting = build_meeting(starts_at=at(day, 18), ends_at=at(day, 20))
    registration = register(meeting, "Ана Петрова")

    for name, args in (
        ("meetings:detail", [meeting.slug]),
        ("meetings:registered", [meeting.slug, registration.code]),
    ):
        page = client.get(reverse(name, args=args)).text
        assert f"{day:%d.%m.%Y}, 18:00–20:00" in page, name
