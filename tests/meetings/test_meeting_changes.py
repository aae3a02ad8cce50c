"""A meeting's status and its time and place: scheduling, postponing, cancelling and editing, each
recorded; a change registrants rely on raises SEQUENCE and tells the confirmed and the waiting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ivanovo_portal.audit.models import Entry
from ivanovo_portal.meetings.models import Meeting, Registration
from ivanovo_portal.meetings.services import meetings as services
from ivanovo_portal.refusals import Refused

from .conftest import build_meeting, register
from .test_ics import events

pytestmark = pytest.mark.django_db
Status = Meeting.Status


@pytest.fixture
def registrants(meeting):
    """Two confirmed, one waiting, one cancelled and one reachable only by phone."""
    return {
        "confirmed": [
            register(meeting, "Ана А", email="ana@example.org"),
            register(meeting, "Борис Б", email="boris@example.org"),
        ],
        "waiting": register(
            meeting, "Вера В", email="vera@example.org", status=Registration.Status.WAITING
        ),
        "cancelled": register(
            meeting, "Галя Г", email="galya@example.org", status=Registration.Status.CANCELLED
        ),
        "phone": register(meeting, "Дим Д", email="", phone="0888 123 456"),
    }


def told(mailoutbox):
    return sorted(message.to[0] for message in mailoutbox)


def later(meeting, days=7):
    return meeting.starts_at + timedelta(days=days), meeting.ends_at + timedelta(days=days)


def test_postponing_moves_the_time_raises_the_sequence_and_tells_registrants(
    meeting, registrants, staff, mailoutbox, django_capture_on_commit_callbacks
):
    starts_at, ends_at = later(meeting)
    Registration.objects.update(reminded_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        services.postpone(
            meeting, user=staff, starts_at=starts_at, ends_at=ends_at, note="Ремонт на салона."
        )

    meeting.refresh_from_db()
    assert meeting.status == Status.POSTPONED
    assert (meeting.starts_at, meeting.ends_at) == (starts_at, ends_at)
    assert meeting.status_note == "Ремонт на салона." and meeting.sequence == 1
    assert told(mailoutbox) == ["ana@example.org", "boris@example.org", "vera@example.org"]
    message = mailoutbox[0]
    local = timezone.localtime(starts_at)
    assert f"{local:%d.%m.%Y}, 18:00–20:00" in message.body
    assert "Ремонт на салона." in message.body
    (event,) = events(message.attachments[0][1])
    assert event["SEQUENCE"] == "1"
    # Reminded of the old date, the confirmed are reminded again before the new one.
    confirmed = Registration.objects.filter(status=Registration.Status.CONFIRMED)
    assert not confirmed.filter(reminded_at__isnull=False).exists()
    entry = Entry.objects.get(action="meetings.postponed")
    assert entry.actor == staff and entry.reason == "Ремонт на салона."
    assert entry.changes["status"][1] == str(Status.POSTPONED.label)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"note": "  "}, "note"),
        ({"days": -1}, "starts_at"),
        ({"ends_early": True}, "ends_at"),
    ],
)
def test_a_postponement_is_refused_by_the_field_and_nothing_changes(
    meeting, registrants, staff, mailoutbox, django_capture_on_commit_callbacks, change, field
):
    starts_at, ends_at = later(meeting, change.get("days", 7))
    if change.get("ends_early"):
        ends_at = starts_at - timedelta(hours=1)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Refused) as refusal:
        services.postpone(
            meeting,
            user=staff,
            starts_at=starts_at,
            ends_at=ends_at,
            note=change.get("note", "Ремонт."),
        )

    assert refusal.value.field == field
    unchanged = Meeting.objects.get(pk=meeting.pk)
    assert (unchanged.status, unchanged.sequence) == (Status.SCHEDULED, 0)
    assert unchanged.starts_at == meeting.starts_at
    assert mailoutbox == [] and not Entry.objects.exists()


def test_cancelling_a_meeting_tells_registrants_and_marks_the_calendar_cancelled(
    meeting, registrants, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(meeting, user=staff, note="Лошо време.")

    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (Status.CANCELLED, 1)
    assert told(mailoutbox) == ["ana@example.org", "boris@example.org", "vera@example.org"]
    assert "Лошо време." in mailoutbox[0].body
    (event,) = events(mailoutbox[0].attachments[0][1])
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == "1"
    assert "/cancel/" not in mailoutbox[0].body
    assert Entry.objects.get(action="meetings.cancelled").reason == "Лошо време."


def test_a_cancelled_or_past_meeting_is_not_cancelled_or_postponed_again(staff, english):
    cancelled = build_meeting(slug="otmeneno", status=Status.CANCELLED)
    held = build_meeting(slug="minalo", days=-3)

    with pytest.raises(Refused, match="already been cancelled"):
        services.cancel_meeting(cancelled, user=staff, note="Пак.")
    starts_at, ends_at = later(held)
    with pytest.raises(Refused, match="already begun"):
        services.postpone(held, user=staff, starts_at=starts_at, ends_at=ends_at, note="Късно.")


def test_a_new_place_tells_registrants_and_a_new_title_does_not(
    meeting, registrants, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(meeting, user=staff, title="Обсъждане на бюджета")
    assert mailoutbox == [] and Meeting.objects.get(pk=meeting.pk).sequence == 0

    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(meeting, user=staff, venue="Кметство Пиргово")

    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert told(mailoutbox) == ["ana@example.org", "boris@example.org", "vera@example.org"]
    assert "Кметство Пиргово, с. Пиргово" in mailoutbox[0].body
    entry = Entry.objects.filter(action="meetings.updated").latest("pk")
    assert entry.changes == {"venue": ["Народно читалище „Светлина 1927“", "Кметство Пиргово"]}


def test_more_places_move_the_waiting_list_up(
    meeting, staff, mailoutbox, django_capture_on_commit_callbacks
):
    for name in ("Ана А", "Борис Б", "Вера В"):
        register(meeting, name)
    waiting = register(
        meeting, "Галя Г", email="galya@example.org", status=Registration.Status.WAITING
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(meeting, user=staff, capacity=4)

    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.CONFIRMED
    assert told(mailoutbox) == ["galya@example.org"]


def test_fewer_places_than_people_confirmed_is_refused(meeting, staff, english):
    for name in ("Ана А", "Борис Б"):
        register(meeting, name)

    with pytest.raises(Refused, match="2 people") as refusal:
        services.update_meeting(meeting, user=staff, capacity=1)

    assert refusal.value.field == "capacity"
    assert Meeting.objects.get(pk=meeting.pk).capacity == 3


def test_scheduling_publishes_a_draft_and_takes_up_a_postponed_meeting(staff, english):
    draft = build_meeting(slug="chernova", status=Status.DRAFT)
    postponed = build_meeting(slug="otlozheno", status=Status.POSTPONED)

    for meeting in (draft, postponed):
        services.schedule(meeting, user=staff)
        assert Meeting.objects.get(pk=meeting.pk).status == Status.SCHEDULED
    assert Entry.objects.filter(action="meetings.scheduled").count() == 2
    with pytest.raises(Refused, match="Only a draft or a postponed"):
        services.schedule(draft, user=staff)
