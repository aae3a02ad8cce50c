"""Expired sessions are deleted every night by a task that Celery beat sends to the worker."""

import time
from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from ivanovo_portal import celery_app
from ivanovo_portal.accounts.tasks import clear_expired_sessions


def a_session(expires_in):
    session = SessionStore()
    session["survey_attempts"] = {"1": {"key": "x", "data": {}}}
    session.create()
    Session.objects.filter(pk=session.session_key).update(expire_date=timezone.now() + expires_in)
    return session.session_key


def wait_until_gone(session_key, worker, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not Session.objects.filter(pk=session_key).exists():
            return
        time.sleep(0.1)
    pytest.fail(f"the expired session is still there; worker log:\n{worker.log()}")


@pytest.mark.worker
def test_a_worker_deletes_the_expired_sessions_and_keeps_the_others(celery_worker):
    expired = a_session(timedelta(days=-1))
    current = a_session(timedelta(days=1))

    clear_expired_sessions.delay()

    wait_until_gone(expired, celery_worker)
    assert Session.objects.filter(pk=current).exists()


def test_beat_sends_the_task_every_day():
    (entry,) = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == clear_expired_sessions.name
    ]
    assert entry["task"] in celery_app.tasks
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert len(schedule.hour) == len(schedule.minute) == 1
    assert len(schedule.day_of_week) == 7


def test_the_production_shape_runs_one_beat():
    compose = (settings.BASE_DIR / "docker-compose.yml").read_text()
    services = compose.split("\nservices:\n", 1)[1].split("\nvolumes:\n", 1)[0]
    beat = services.split("\n  beat:\n", 1)[1].split("\n\n", 1)[0]
    assert "- beat" in beat
    assert "--beat" not in services  # not inside a worker, which may be scaled
