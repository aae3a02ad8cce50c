"""A worker killed mid-render, main process and pool at once: its render goes back in the queue
as soon as its heartbeat has expired, instead of after the broker's visibility timeout."""

import os
import signal
import time

import pytest
from django.conf import settings
from django.core.cache import cache

from ivanovo_portal import celery_app
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.documents import services, workers
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.documents.tasks import render_document, requeue_abandoned_documents
from ivanovo_portal.places.models import Settlement
from tests.conftest import Worker
from tests.documents.kinds import LONG_SHEET, SHEET
from tests.documents.test_worker import wait_for

Status = GeneratedDocument.Status
WORKER_INCLUDES = ["tests.documents.worker_kinds", "tests.documents.worker_quick_heartbeat"]
DEAD = "gone@host/5f0e1d2c3b4a"
LIVE = "busy@host/0a1b2c3d4e5f"


@pytest.fixture
def celery_worker_includes():
    return WORKER_INCLUDES


@pytest.fixture
def claimed(ivanovo):
    """A document a worker took for rendering: queued, and claimed as a worker's task would."""

    def claim(worker_instance):
        document = request_document(ivanovo, SHEET)
        assert services.claim(
            document.pk, task_id=document.task_id, worker="host:42", worker_instance=worker_instance
        )
        document.refresh_from_db()
        return document

    return claim


def test_the_render_of_a_dead_worker_is_done_again_under_a_new_task_id(
    claimed, django_capture_on_commit_callbacks
):
    document = claimed(DEAD)
    abandoned_task = document.task_id

    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_abandoned() == 1
    document.refresh_from_db()

    assert (document.status, document.attempts) == (Status.READY, 2), document.error
    assert document.task_id != abandoned_task
    assert document.worker_instance == ""
    requeued = Entry.objects.get(object_id=document.pk, action="document.requeued")
    assert (requeued.actor, requeued.reason) == (None, DEAD)
    assert requeued.changes == {"status": ["Изготвя се", "Изчаква"]}


def test_the_dead_worker_s_message_delivered_again_does_nothing(
    claimed, django_capture_on_commit_callbacks
):
    document = claimed(DEAD)
    abandoned_task = document.task_id
    with django_capture_on_commit_callbacks(execute=True):
        services.requeue_abandoned()
    document.refresh_from_db()
    rendered = (document.task_id, document.sha256, document.finished_at)

    render_document.apply(args=[document.pk], task_id=abandoned_task)
    document.refresh_from_db()

    assert (document.task_id, document.sha256, document.finished_at) == rendered
    assert document.attempts == 2


def test_the_render_of_a_live_worker_is_left_to_it(claimed, django_capture_on_commit_callbacks):
    document = claimed(LIVE)
    cache.set(workers.KEY_PREFIX + LIVE, 1)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_abandoned() == 0
    document.refresh_from_db()

    assert (document.status, document.worker_instance) == (Status.RENDERING, LIVE)


def test_tasks_run_in_process_claim_for_no_worker_and_are_never_taken_for_abandoned(
    ivanovo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = request_document(ivanovo, SHEET)
    document.refresh_from_db()

    assert (document.status, document.worker_instance) == (Status.READY, "")
    assert services.requeue_abandoned() == 0


def test_beat_looks_for_the_renders_of_dead_workers_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["requeue-abandoned-documents"]

    assert entry["task"] == requeue_abandoned_documents.name
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"] <= 60


@pytest.mark.worker
def test_the_next_worker_finishes_the_render_of_a_killed_worker_within_seconds(
    celery_worker, tmp_path
):
    ivanovo = Settlement.objects.get(is_admin_centre=True)
    document = request_document(ivanovo, LONG_SHEET)
    wait_for(document, lambda row: row.status == Status.RENDERING, celery_worker)
    killed = document.worker_instance

    os.killpg(celery_worker.process.pid, signal.SIGKILL)
    celery_worker.process.wait()
    document.refresh_from_db()
    assert document.status == Status.RENDERING

    started = time.monotonic()
    successor = Worker(
        celery_worker.queue, log_path=tmp_path / "successor.log", includes=WORKER_INCLUDES
    )
    try:
        wait_for(document, lambda row: row.status in {Status.READY, Status.FAILED}, successor)
    finally:
        successor.stop()

    assert document.status == Status.READY, document.error
    assert time.monotonic() - started < 60
    assert document.attempts == 2
    assert killed.startswith(successor.nodename)
    assert document.worker_instance not in {"", killed}
