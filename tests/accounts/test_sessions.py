"""Sessions: kept in the database and read from a copy in the page cache's Redis; the expired
ones deleted every night by a task that Celery beat sends to the worker."""

import time
from datetime import timedelta
from importlib import import_module

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
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


@pytest.mark.django_db
def test_a_session_is_kept_in_the_database_and_read_from_the_page_caches_redis(
    django_assert_num_queries,
):
    engine = import_module(settings.SESSION_ENGINE)
    session = engine.SessionStore()
    session["survey_recorded"] = [1]
    session.save()
    assert Session.objects.filter(pk=session.session_key).exists()

    with django_assert_num_queries(0):
        assert engine.SessionStore(session.session_key)["survey_recorded"] == [1]

    caches[settings.SESSION_CACHE_ALIAS].clear()  # evicted: read from the database again
    with django_assert_num_queries(1):
        assert engine.SessionStore(session.session_key)["survey_recorded"] == [1]
