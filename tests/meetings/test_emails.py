"""The registrants' e-mails: the confirmation with the date, time and place in its body, the code,
the cancel link and the .ics; the waiting-list notice; none without an address; the reminder two
days before, once, and only for confirmed places at meetings still on — also through a worker."""

import time as clock
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from ivanovo_portal import celery_app
from ivanovo_portal.meetings import emails, links, tasks
from ivanovo_portal.meetings.models import Meeting, Registration
from ivanovo_portal.meetings.services import registrations as services
from ivanovo_portal.places.models import Settlement, StakeholderGroup

from .conftest import at, build_meeting, register
from .test_ics import events, next_change

pytestmark = pytest.mark.django_db
Status = Registration.Status


def sign_up(meeting, capture, name="Ана Петрова", email="ana@example.org", phone=""):
    with capture(execute=True):
        return services.register(
            meeting,
            name=name,
            settlement=Settlement.objects.get(slug="pirgovo"),
            group=StakeholderGroup.objects.get(slug="citizens"),
            email=email,
            phone=phone,
            consent=True,
        )


def on(day, hour=10):
    """A moment on ``day`` in Sofia time: when the reminders run."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def test_the_confirmation_states_date_time_and_place_in_its_body_with_the_ics(
    mailoutbox, django_capture_on_commit_callbacks, settings
):
    day = next_change(3)
    meeting = build_meeting(starts_at=at(day, 18), ends_at=at(day, 20))

    registration = sign_up(meeting, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.to == ["ana@example.org"]
    assert meeting.title in message.subject and f"{day:%d.%m.%Y}" in message.subject
    assert message.content_subtype == "plain"
    body = message.body
    assert f"неделя, {day:%d.%m.%Y}, 18:00–20:00" in body
    assert "Народно читалище „Светлина 1927“, с. Пиргово, ул. „Иван Вазов“ 2" in body
    assert registration.code in body
    assert links.cancel_url(registration) in body
    assert settings.PORTAL_URL + meeting.get_absolute_url() in body
    ((name, content, media_type),) = message.attachments
    assert name == f"{meeting.slug}.ics" and media_type.startswith("text/calendar")
    (event,) = events(content)
    assert event["DTSTART"] == f"{day:%Y%m%d}T150000Z"


def test_what_people_typed_goes_into_the_email_as_typed(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = build_meeting(title='Бюджет <b>2027</b> & "читалищата"')

    sign_up(meeting, django_capture_on_commit_callbacks, name="Ана <Ани> & Ко")

    body = mailoutbox[0].body
    assert 'Бюджет <b>2027</b> & "читалищата"' in body and "Ана <Ани> & Ко" in body
    assert "&amp;" not in body and "&lt;" not in body and "&quot;" not in body


def test_a_full_meeting_sends_the_waiting_list_notice_without_a_calendar(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = build_meeting(capacity=0)

    registration = sign_up(meeting, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert registration.status == Status.WAITING
    assert meeting.title in message.subject
    assert registration.code in message.body
    assert message.attachments == []


def test_nobody_is_written_to_without_an_email_address(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up(meeting, django_capture_on_commit_callbacks, email="", phone="0888 123 456")

    assert mailoutbox == []


def test_the_reminder_goes_two_days_before_once(meeting, mailoutbox):
    day = timezone.localtime(meeting.starts_at).date()
    registration = register(meeting, "Ана Петрова")
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - timedelta(days=3)
    )

    assert emails.send_reminders(now=on(day - timedelta(days=3))) == 0
    assert emails.send_reminders(now=on(day - timedelta(days=2))) == 1
    assert emails.send_reminders(now=on(day - timedelta(days=2), 11)) == 0
    assert emails.send_reminders(now=on(day - timedelta(days=1))) == 0

    (message,) = mailoutbox
    assert message.to == [registration.email]
    assert f"{day:%d.%m.%Y}, 18:00–20:00" in message.body
    assert Registration.objects.get(pk=registration.pk).reminded_at is not None


def test_no_reminder_for_waiting_cancelled_or_phone_only_registrations_or_cancelled_meetings(
    mailoutbox,
):
    meeting = build_meeting()
    off = build_meeting(slug="otmeneno", status=Meeting.Status.CANCELLED)
    register(meeting, "Ана А", status=Status.WAITING)
    register(meeting, "Борис Б", status=Status.CANCELLED)
    register(meeting, "Вера В", email="", phone="0888 123 456")
    register(off, "Галя Г")
    Registration.objects.update(created_at=timezone.now() - timedelta(days=30))
    day = timezone.localtime(meeting.starts_at).date()

    assert emails.send_reminders(now=on(day - timedelta(days=2))) == 0
    assert mailoutbox == []


def test_no_reminder_on_the_day_someone_registered_their_confirmation_says_it_all(meeting):
    day = timezone.localtime(meeting.starts_at).date()
    registration = register(meeting, "Ана Петрова")
    Registration.objects.filter(pk=registration.pk).update(
        created_at=on(day - timedelta(days=2), 8)
    )

    assert emails.send_reminders(now=on(day - timedelta(days=2))) == 0


def test_a_reminder_that_could_not_be_sent_is_tried_again_next_run(meeting, settings, mailoutbox):
    day = timezone.localtime(meeting.starts_at).date()
    registration = register(meeting, "Ана Петрова")
    Registration.objects.update(created_at=timezone.now() - timedelta(days=3))
    working = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": "tests.recommendations.failing_mail.EmailBackend"}}

    assert emails.send_reminders(now=on(day - timedelta(days=2))) == 0
    assert Registration.objects.get(pk=registration.pk).reminded_at is None

    settings.MAILERS = working
    assert emails.send_reminders(now=on(day - timedelta(days=2), 11)) == 1


def test_celery_beat_runs_the_reminders_daily():
    entry = celery_app.conf.beat_schedule["remind-meeting-registrants"]

    assert entry["task"] == tasks.send_reminders.name
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"].hour == {10} and entry["schedule"].minute == {0}


@pytest.mark.worker
def test_a_worker_sends_a_reminder_once_however_often_asked(celery_worker):
    # Two days from now, so that the worker's own clock finds the reminder due.
    starts = timezone.now() + timedelta(days=2)
    meeting = build_meeting(starts_at=starts, ends_at=starts + timedelta(hours=2))
    registration = register(meeting, "Ана Петрова", email="ana@example.org")
    Registration.objects.update(created_at=timezone.now() - timedelta(days=5))
    row = Registration.objects.filter(pk=registration.pk)

    tasks.send_reminders.delay()
    tasks.send_reminders.delay()
    deadline = clock.monotonic() + 60
    while clock.monotonic() < deadline and celery_worker.log().count("succeeded") < 2:
        clock.sleep(0.1)

    log = celery_worker.log()
    assert log.count("succeeded") == 2, log
    assert row.get().reminded_at is not None
    # The console mailer prints each message the worker sent into its log.
    assert log.count(f"To: {registration.email}") == 1, log
