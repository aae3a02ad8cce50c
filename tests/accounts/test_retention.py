"""The retention job erases exactly what has passed the period its app declared, and records
counts, never the data."""

import logging
import time
from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.utils import timezone

from ivanovo_portal.accessibility.models import Feedback
from ivanovo_portal.accounts import tasks
from ivanovo_portal.accounts.personal_data import LOGIN_RECORD_DAYS
from ivanovo_portal.accounts.retention import apply_retention

NOW = timezone.now()


def feedback(contact, *, answered_days_ago=None):
    return Feedback.objects.create(
        name="Мария",
        contact=contact,
        page="/",
        problem="Контрастът е слаб.",
        language="bg",
        consented_at=NOW,
        reply_due=NOW.date(),
        answered_at=NOW - timedelta(days=answered_days_ago) if answered_days_ago else None,
    )


def login(username, days_ago):
    at = NOW - timedelta(days=days_ago)
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        row = model.objects.create(
            username=username,
            ip_address="203.0.113.7",
            user_agent=f"Firefox, {days_ago} days ago",
            **_extra(model),
        )
        model.objects.filter(pk=row.pk).update(attempt_time=at)


def _extra(model):
    return (
        {"failures_since_start": 1, "get_data": "", "post_data": ""}
        if model is AccessAttempt
        else {}
    )


def test_what_has_passed_its_period_goes_and_the_rest_stays(db, caplog):
    old = feedback("old@example.org", answered_days_ago=400)
    recent = feedback("recent@example.org", answered_days_ago=10)
    unanswered = feedback("waiting@example.org")
    login("someone", LOGIN_RECORD_DAYS + 1)
    login("someone", LOGIN_RECORD_DAYS - 1)

    with caplog.at_level(logging.INFO):
        counts = apply_retention(now=NOW)

    assert counts == {
        "logins": 1,
        "login_failures": 1,
        "login_failure_counts": 1,
        "accessibility_feedback": 1,
        "consultation_commenters": 0,
        "meeting_registrations": 0,
        "meeting_attendance": 0,
        "newsletter_subscribers": 0,
    }
    assert set(Feedback.objects.values_list("pk", flat=True)) == {recent.pk, unanswered.pk}
    assert not Feedback.objects.filter(pk=old.pk).exists()
    assert AccessLog.objects.count() == AccessFailureLog.objects.count() == 1
    assert AccessAttempt.objects.count() == 1
    assert "accessibility_feedback 1" in caplog.text
    assert "old@example.org" not in caplog.text and "203.0.113.7" not in caplog.text


def test_a_moved_clock_takes_the_rest_when_its_time_comes(db):
    feedback("recent@example.org", answered_days_ago=10)
    login("someone", 1)
    assert apply_retention(now=NOW)["accessibility_feedback"] == 0

    later = NOW + timedelta(days=400)
    assert apply_retention(now=later)["accessibility_feedback"] == 1
    assert not AccessLog.objects.exists()
    assert set(apply_retention(now=later).values()) == {0}


def test_a_dry_run_counts_and_erases_nothing(db):
    feedback("old@example.org", answered_days_ago=400)
    login("someone", LOGIN_RECORD_DAYS + 1)
    out = StringIO()

    call_command("apply_retention", "--dry-run", stdout=out)

    assert "accessibility_feedback: would erase 1" in out.getvalue()
    assert "logins: would erase 1" in out.getvalue()
    assert Feedback.objects.count() == AccessLog.objects.count() == 1


def test_the_command_and_the_daily_task_erase(db, settings):
    feedback("old@example.org", answered_days_ago=400)
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "accessibility_feedback: erased 1" in out.getvalue()

    login("someone", LOGIN_RECORD_DAYS + 1)
    assert tasks.apply_retention()["logins"] == 1
    assert "ivanovo_portal.accounts.tasks.apply_retention" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }


@pytest.mark.worker
def test_a_worker_applies_the_retention_periods(celery_worker):
    old = feedback("old@example.org", answered_days_ago=400)
    recent = feedback("recent@example.org", answered_days_ago=10)

    tasks.apply_retention.delay()

    deadline = time.monotonic() + 60
    while Feedback.objects.filter(pk=old.pk).exists():
        if time.monotonic() > deadline:
            pytest.fail(f"the expired feedback is still there; worker log:\n{celery_worker.log()}")
        time.sleep(0.1)
    assert Feedback.objects.filter(pk=recent.pk).exists()
