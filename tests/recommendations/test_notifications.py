"""E-mail to the municipal officials: when a letter is filed, and once before its answer falls
due; plain text, with what staff typed as it was typed."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from ivanovo_portal import celery_app
from ivanovo_portal.accounts.roles import Role
from ivanovo_portal.recommendations import letters, notifications, services
from ivanovo_portal.recommendations.models import RegistrySubmission
from tests.conftest import make_user

from .helpers import FILED_ON, prepared

pytestmark = pytest.mark.django_db
TITLE = 'Съвет на <b>младежите</b> & "читалищата"'


@pytest.fixture
def officials(official):
    second = make_user("official2", Role.MUNICIPAL_OFFICIAL)
    retired = make_user("official3", Role.MUNICIPAL_OFFICIAL, is_active=False)
    Group.objects.get(name=Role.MUNICIPAL_OFFICIAL).user_set.add(retired)
    return [official, second]


def file_now(letter, user, filed_on, capture):
    with capture(execute=True):
        return letters.file_letter(letter, filed_on=filed_on, user=user)


def test_filing_a_letter_tells_each_official_in_plain_text(
    staff, officials, mailoutbox, django_capture_on_commit_callbacks
):
    letter = prepared(staff, title=TITLE)

    file_now(letter, staff, FILED_ON, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mailoutbox) == sorted(o.email for o in officials)
    message = mailoutbox[0]
    assert len(message.to) == 1
    assert letter.outgoing_number in message.subject
    assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])
    assert TITLE in message.body
    assert "&amp;" not in message.body and "&quot;" not in message.body
    assert "05.07.2023" in message.body  # the answer's due date
    assert "/accounts/awaiting/" in message.body


def test_the_filing_notice_goes_once_however_often_its_task_runs(
    staff, officials, mailoutbox, django_capture_on_commit_callbacks
):
    letter = file_now(prepared(staff), staff, FILED_ON, django_capture_on_commit_callbacks)

    assert notifications.send_filing_notice(letter.pk) == 0
    assert len(mailoutbox) == len(officials)


def test_without_an_official_to_tell_filing_still_succeeds(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    letter = file_now(prepared(staff), staff, FILED_ON, django_capture_on_commit_callbacks)

    assert letter.is_filed
    assert mailoutbox == []


# Reminders before an answer falls due.


@pytest.fixture
def due_in_five_days(staff, django_capture_on_commit_callbacks):
    """A letter received 25 days ago: its answer falls due in 5 days."""
    received = timezone.localdate() - timedelta(days=25)
    return file_now(
        prepared(staff, title=TITLE), staff, received, django_capture_on_commit_callbacks
    )


def test_an_answer_due_within_the_week_is_reminded_of_once(officials, due_in_five_days, mailoutbox):
    mailoutbox.clear()

    assert notifications.send_answer_reminders() == 1
    assert notifications.send_answer_reminders() == 0

    assert len(mailoutbox) == len(officials)
    message = mailoutbox[0]
    assert f"{due_in_five_days.answer_due:%d.%m.%Y}" in message.subject
    assert TITLE in message.body
    due_in_five_days.refresh_from_db()
    assert due_in_five_days.reminder_sent_for == due_in_five_days.answer_due


def test_answers_due_later_already_due_or_given_are_not_reminded_of(
    staff, officials, mailoutbox, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    file_now(prepared(staff), staff, today - timedelta(days=10), django_capture_on_commit_callbacks)
    file_now(prepared(staff), staff, today - timedelta(days=31), django_capture_on_commit_callbacks)
    answered = file_now(
        prepared(staff), staff, today - timedelta(days=25), django_capture_on_commit_callbacks
    )
    services.record_response(
        answered.recommendations.get(), text="Отговор.", date=today, user=staff
    )
    mailoutbox.clear()

    assert notifications.send_answer_reminders() == 0
    assert mailoutbox == []


def test_a_due_date_moved_by_a_correction_is_reminded_of_again(
    staff, officials, due_in_five_days, mailoutbox
):
    notifications.send_answer_reminders()
    letters.correct_filing(
        due_in_five_days,
        filed_on=due_in_five_days.filed_on,
        registry_number="94-00-1",
        registry_date=due_in_five_days.filed_on + timedelta(days=2),
        reason="Входиран е два дни по-късно.",
        user=staff,
    )
    mailoutbox.clear()

    assert notifications.send_answer_reminders() == 1
    assert len(mailoutbox) == len(officials)


def test_a_reminder_that_could_not_be_sent_is_tried_again_next_run(
    officials, due_in_five_days, mailoutbox, settings
):
    mailoutbox.clear()
    working = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": "tests.recommendations.failing_mail.EmailBackend"}}

    assert notifications.send_answer_reminders() == 0
    assert RegistrySubmission.objects.get(pk=due_in_five_days.pk).reminder_sent_for is None

    settings.MAILERS = working
    assert notifications.send_answer_reminders() == 1


def test_celery_beat_runs_the_reminders_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["remind-answers-due"]

    assert entry["task"] in celery_app.tasks
    assert entry["schedule"].hour == {8} and entry["schedule"].minute == {0}
