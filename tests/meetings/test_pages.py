"""The public pages of /events/: the list (coming, then past; filters that work without
JavaScript; a fixed number of queries), a meeting's page with everything a resident needs on a
phone, the places left and the waiting list, the banners, the files and the calendar feeds."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

from ivanovo_portal import uploads
from ivanovo_portal.meetings.models import Meeting, Registration
from ivanovo_portal.meetings.services import content
from ivanovo_portal.places.models import Settlement

from .conftest import at, build_meeting, register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def png():
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(out, "PNG")
    return uploads.checked(SimpleUploadedFile("portrait.png", out.getvalue()))


def pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return uploads.checked(SimpleUploadedFile("programme.pdf", out.getvalue()))


def page(client, meeting):
    response = client.get(reverse("meetings:detail", args=[meeting.slug]))
    assert response.status_code == 200
    return response.content.decode()


def titles_in_order(html, titles):
    return sorted(titles, key=html.index)


# The list


def test_the_list_shows_coming_meetings_soonest_first_then_past_ones_latest_first(client):
    build_meeting(slug="later", title="Среща по-късно", days=20)
    build_meeting(slug="sooner", title="Среща по-скоро", days=5)
    build_meeting(slug="last-month", title="Среща миналия месец", days=-30)
    build_meeting(slug="last-week", title="Среща миналата седмица", days=-7)
    build_meeting(slug="draft", title="Чернова на среща", status=Meeting.Status.DRAFT)

    html = client.get(reverse("meetings:list")).content.decode()

    order = ["Среща по-скоро", "Среща по-късно", "Среща миналата седмица", "Среща миналия месец"]
    assert titles_in_order(html, order) == order
    assert html.index('id="coming-heading"') < html.index("Среща по-скоро")
    assert html.index("Среща по-късно") < html.index('id="past-heading"')
    assert html.index('id="past-heading"') < html.index("Среща миналата седмица")
    assert "Чернова на среща" not in html


def test_the_list_filters_by_settlement_and_kind_with_a_plain_form(client):
    build_meeting(slug="pirgovo", title="Обсъждане в Пиргово")
    build_meeting(
        slug="nisovo",
        title="Обсъждане в Нисово",
        settlement=Settlement.objects.get(slug="nisovo"),
    )
    build_meeting(slug="round-table", title="Кръгла маса", kind=Meeting.Kind.ROUND_TABLE)
    url = reverse("meetings:list")

    html = client.get(url).content.decode()
    assert 'method="get"' in html and 'name="settlement"' in html and 'name="kind"' in html

    nisovo = Settlement.objects.get(slug="nisovo")
    html = client.get(url, {"settlement": nisovo.pk}).content.decode()
    assert "Обсъждане в Нисово" in html
    assert "Обсъждане в Пиргово" not in html and "Кръгла маса" not in html

    html = client.get(url, {"kind": Meeting.Kind.ROUND_TABLE}).content.decode()
    assert "Кръгла маса" in html and "Обсъждане в Пиргово" not in html


def test_the_list_is_paginated_keeping_the_filters(client):
    for number in range(25):
        build_meeting(slug=f"meeting-{number}", title=f"Среща {number}", days=number + 1)

    html = client.get(reverse("meetings:list"), {"kind": "consultation"}).content.decode()

    assert "Среща 19<" in html and "Среща 20<" not in html
    assert "?kind=consultation&amp;page=2" in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_takes_as_many_queries_for_many_meetings_as_for_few(
    client, django_assert_max_num_queries
):
    build_meeting(slug="first", days=3)
    register(Meeting.objects.get(slug="first"))
    few = _queries(client, reverse("meetings:list"))
    for number in range(12):
        meeting = build_meeting(slug=f"more-{number}", days=number - 6)
        register(meeting, f"Човек {number}")

    assert _queries(client, reverse("meetings:list")) == few
    with django_assert_max_num_queries(8):
        client.get(reverse("meetings:list"))


# A meeting's page


def test_the_meeting_page_has_what_a_resident_needs(client, meeting, staff, english):
    meeting.online_url = "https://meet.example.org/pirgovo"
    meeting.hearing_loop = True
    meeting.accessibility_note = "Входът е откъм двора."
    meeting.save()
    speaker = content.add_speaker(
        meeting,
        user=staff,
        name="Мария Иванова",
        position="експерт",
        organisation="Център Динамика",
        photo=png(),
        photo_alt="Мария Иванова на трибуна",
    )
    content.add_programme_item(
        meeting,
        user=staff,
        time=timezone.localtime(meeting.starts_at).time().replace(minute=15),
        title="Представяне на проекта",
        speakers=[speaker],
    )
    material = content.add_material(meeting, user=staff, title="Програма", file=pdf())
    content.add_material(meeting, user=staff, title="Вътрешни бележки", file=pdf(), is_public=False)

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert 'name="viewport" content="width=device-width' in html
    starts = timezone.localtime(meeting.starts_at)
    assert f'datetime="{starts:%Y-%m-%dT%H:%M:%S%z}"' in html
    assert "18:00–20:00" in html
    assert "2 h" in html
    for text in (
        meeting.venue,
        meeting.address,
        "Step-free access: yes",
        "Hearing loop: yes",
        "Входът е откъм двора.",
        'href="https://meet.example.org/pirgovo"',
        "18:15",
        "Представяне на проекта",
        "експерт, Център Динамика",
        'alt="Мария Иванова на трибуна"',
        reverse("meetings:speaker_photo", args=[meeting.slug, speaker.pk]),
        "Програма",
        f"PDF, {filesizeformat(material.size)}",
        material.sha256,
        "3 places left",
        f'href="{reverse("meetings:register", args=[meeting.slug])}"',
        reverse("meetings:ics", args=[meeting.slug]),
    ):
        assert text in html, text
    assert "Вътрешни бележки" not in html
    # The form has a page of its own, so that the meeting's page is kept for everyone.
    assert "csrfmiddlewaretoken" not in html
    form = client.get(reverse("meetings:register", args=[meeting.slug])).content.decode()
    for name in ("name", "settlement", "group", "email", "phone", "consent"):
        assert f'name="{name}"' in form


def test_times_are_shown_in_sofia_across_the_change_to_winter_time(client):
    # 31 October 2027 is the last Sunday of October: clocks go back at 04:00 that morning.
    meeting = build_meeting(
        slug="dst", starts_at=at(date(2027, 10, 31), 18), ends_at=at(date(2027, 10, 31), 19, 30)
    )

    html = page(client, meeting)

    assert "31.10.2027, 18:00–19:30" in html
    assert meeting.starts_at.astimezone(timezone.UTC).hour == 16


def test_a_full_meeting_offers_the_waiting_list_and_never_says_one_place_left(
    client, meeting, english
):
    for name in ("Иван Петров", "Мария Колева", "Петър Димов"):
        register(meeting, name)
    register(meeting, "Анна Стоянова", status=Registration.Status.WAITING)

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert "Full — you can join the waiting list" in html
    assert "Join the waiting list" in html
    assert not re.search(r"\b1 place left", html)


def test_one_place_left_is_said_when_exactly_one_is(client, meeting, english):
    register(meeting, "Иван Петров")
    register(meeting, "Мария Колева")
    register(meeting, "Петър Димов", status=Registration.Status.CANCELLED)

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert "1 place left" in html and "Full" not in html


def test_a_postponed_or_cancelled_meeting_says_so_with_the_reason(client, meeting, english):
    meeting.status = Meeting.Status.POSTPONED
    meeting.status_note = "Залата е в ремонт."
    meeting.save()
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "This meeting is postponed" in html and "Залата е в ремонт." in html
    assert 'name="consent"' not in html

    meeting.status = Meeting.Status.CANCELLED
    meeting.status_note = "Наводнение."
    meeting.save()
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "This meeting is cancelled" in html and "Наводнение." in html
    assert 'name="consent"' not in html


def test_registration_outside_its_window_shows_no_form(client, meeting, english):
    meeting.registration_opens_at = timezone.now() + timedelta(days=2)
    meeting.save()
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Registration opens on" in html and 'name="consent"' not in html

    meeting.registration_opens_at = timezone.now() - timedelta(days=3)
    meeting.registration_closes_at = timezone.now() - timedelta(days=1)
    meeting.save()
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Registration is closed." in html and 'name="consent"' not in html


def test_a_meeting_held_says_so_and_counts_no_places(client, english):
    held = build_meeting(days=-3)

    html = client.get(held.get_absolute_url()).content.decode()

    assert "This meeting has taken place." in html
    assert reverse("meetings:attendance", args=[held.slug]) in html
    assert "places left" not in html and 'name="consent"' not in html


def test_a_draft_is_seen_by_staff_only(client, staff, resident, english):
    draft = build_meeting(status=Meeting.Status.DRAFT)
    url = draft.get_absolute_url()

    assert client.get(url).status_code == 404
    client.force_login(resident)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    assert "only the project team sees this page" in client.get(url).content.decode()


def test_the_meeting_page_takes_a_fixed_number_of_queries(
    client, meeting, staff, django_assert_max_num_queries
):
    for number in range(5):
        speaker = content.add_speaker(meeting, user=staff, name=f"Говорител {number}")
        content.add_programme_item(
            meeting,
            user=staff,
            time=timezone.localtime(meeting.starts_at).time(),
            title=f"Точка {number}",
            speakers=[speaker],
        )
    with django_assert_max_num_queries(9):
        page(client, meeting)


# Files


def test_public_materials_are_downloaded_by_anyone_private_ones_by_staff_only(
    client, meeting, staff
):
    public = content.add_material(meeting, user=staff, title="Програма", file=pdf())
    private = content.add_material(
        meeting, user=staff, title="Бележки", file=pdf(), is_public=False
    )

    response = client.get(reverse("meetings:material", args=[meeting.slug, public.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert (
        client.get(reverse("meetings:material", args=[meeting.slug, private.pk])).status_code == 404
    )
    client.force_login(staff)
    assert (
        client.get(reverse("meetings:material", args=[meeting.slug, private.pk])).status_code == 200
    )


def test_a_speakers_photo_is_public_with_the_meeting_and_shown_inline(client, meeting, staff):
    speaker = content.add_speaker(
        meeting, user=staff, name="Мария Иванова", photo=png(), photo_alt="Портрет"
    )

    response = client.get(reverse("meetings:speaker_photo", args=[meeting.slug, speaker.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    meeting.status = Meeting.Status.DRAFT
    meeting.save()
    assert (
        client.get(reverse("meetings:speaker_photo", args=[meeting.slug, speaker.pk])).status_code
        == 404
    )


# Calendars


def test_the_feed_holds_every_public_meeting_as_icalendar(client, meeting):
    build_meeting(slug="round-table", title="Кръгла маса", kind=Meeting.Kind.ROUND_TABLE)
    build_meeting(slug="draft", title="Чернова", status=Meeting.Status.DRAFT)

    response = client.get(reverse("meetings:feed"))

    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR") and text.count("BEGIN:VEVENT") == 2
    assert "Кръгла маса" in text and "Обществено обсъждане в Пиргово" in text
    assert "Чернова" not in text


def test_one_meeting_comes_as_a_calendar_file(client, meeting):
    response = client.get(reverse("meetings:ics", args=[meeting.slug]))

    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"].startswith("attachment")
    assert f"{meeting.slug}.ics" in response["Content-Disposition"]
    text = response.content.decode()
    assert text.count("BEGIN:VEVENT") == 1 and "Обществено обсъждане в Пиргово" in text

    meeting.status = Meeting.Status.DRAFT
    meeting.save()
    assert client.get(reverse("meetings:ics", args=[meeting.slug])).status_code == 404


def test_the_campaigns_events_link_leads_to_its_events(client):
    html = client.get(reverse("campaign:news")).content.decode()
    assert f'href="{reverse("campaign:events")}"' in html
