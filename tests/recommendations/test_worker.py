"""The register's e-mail tasks on a real Celery worker, against Redis and the test database."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from ivanovo_portal.recommendations import letters, tasks
from ivanovo_portal.recommendations.models import RegistrySubmission

from .helpers import prepared

pytestmark = pytest.mark.worker


def wait_for(condition, worker, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"the worker did not get there; its log:\n{worker.log()}")


def test_a_worker_sends_the_filing_notice_and_one_reminder_however_often_asked(
    celery_worker, staff, official
):
    received = timezone.localdate() - timedelta(days=25)
    letter = letters.file_letter(prepared(staff), filed_on=received, user=staff)
    row = RegistrySubmission.objects.filter(pk=letter.pk)

    wait_for(lambda: row.get().filing_notice_sent_at is not None, celery_worker)
    tasks.send_filing_notice.delay(letter.pk)
    tasks.send_answer_reminders.delay()
    tasks.send_answer_reminders.delay()
    wait_for(lambda: row.get().reminder_sent_for == letter.answer_due, celery_worker)
    wait_for(lambda: celery_worker.log().count("send_answer_reminders") >= 4, celery_worker)

    # The console mailer prints each message the worker sent into its log.
    log = celery_worker.log()
    assert log.count(f"To: {official.email}") == 2, log
