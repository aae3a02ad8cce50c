"""The events' demo: the round table and the conference seeded by the meetings' demo get their
event pages, summaries published, programmes in sessions, photos with their alternative text,
and certificates sent to those checked in."""

import io
from types import SimpleNamespace

import pytest
from django.urls import reverse
from PIL import Image

from campaign.demo import events as demo
from campaign.models import Event, EventPhoto
from ivanovo_portal.meetings import demo as meetings_demo
from ivanovo_portal.meetings.models import Attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(staff, settings, tmp_path, mailoutbox, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "media"
    accounts = SimpleNamespace(staff=staff)
    with django_capture_on_commit_callbacks(execute=True):
        meetings_demo.seed(accounts)
        demo.seed(accounts)
    return accounts


def test_both_events_have_aims_and_a_summary_published_after_they_were_held(seeded):
    events = Event.objects.select_related("meeting").order_by("meeting__starts_at")

    assert [event.meeting.slug for event in events] == [demo.ROUND_TABLE, demo.CONFERENCE]
    for event in events:
        assert event.aims and event.summary
        assert event.summary_published_at > event.meeting.ends_at
        assert event.summary_published_at.year == 2023


def test_the_programmes_are_in_sessions_and_breaks_stand_alone(seeded):
    conference = Event.objects.get(meeting__slug=demo.CONFERENCE).meeting
    sessions = list(conference.programme.values_list("session", flat=True))

    assert sessions[0] == "" and "" in sessions[1:]
    assert len({session for session in sessions if session}) == 2


def test_each_photo_is_an_image_with_its_alternative_text(seeded):
    photos = EventPhoto.objects.all()

    assert photos.count() == 4
    for photo in photos:
        assert photo.alt.startswith("Рисунка:")
        with photo.file.open("rb") as file:
            assert Image.open(io.BytesIO(file.read())).size == (demo.WIDTH, demo.HEIGHT)


def test_certificates_are_on_and_sent_to_everyone_checked_in_with_an_address(seeded, mailoutbox):
    attendance = Attendance.objects.filter(meeting__campaign_event__isnull=False)
    with_address = attendance.filter(registration__isnull=False).exclude(registration__email="")

    assert with_address.exists()
    assert set(attendance.values_list("meeting__certificates", flat=True)) == {True}
    assert with_address.filter(certificate_sent_at__isnull=True).count() == 0
    assert len(mailoutbox) == with_address.count()


def test_seeding_again_adds_nothing_and_sends_nothing(seeded, mailoutbox):
    sent = len(mailoutbox)

    demo.seed(seeded)

    assert Event.objects.count() == 2 and EventPhoto.objects.count() == 4
    assert len(mailoutbox) == sent


def test_the_seeded_conference_page_shows_its_summary_and_photos(seeded, client, english):
    html = client.get(reverse("campaign:event", args=[demo.CONFERENCE])).content.decode()

    assert "How it went" in html
    assert html.count('alt="Рисунка:') == 2
    assert "Сесия 2: Инструментариумът и партньорството" in html
