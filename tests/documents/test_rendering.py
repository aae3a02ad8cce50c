"""The render task run in-process (eager): claiming, storing, retrying and failing."""

import os
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from ivanovo_portal.documents.models import STALL_MARGIN, GeneratedDocument
from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.documents.services import MAX_ATTEMPTS, request_document, retry_document
from ivanovo_portal.documents.tasks import render_document
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused
from tests.documents.kinds import CENSUS, SHEET

Status = GeneratedDocument.Status


@pytest.fixture
def requested(ivanovo, staff):
    """A sheet requested by staff whose render has not run yet."""
    return request_document(ivanovo, SHEET, user=staff, title="Справка за Иваново")


@pytest.fixture
def rendered(ivanovo, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = request_document(ivanovo, SHEET, user=staff, title="Справка за Иваново")
    document.refresh_from_db()
    return document


def stored_pdfs(settings):
    return sorted((settings.MEDIA_ROOT / "documents").rglob("*.pdf"))


def test_requesting_a_document_queues_it_with_a_fresh_task_id(requested, staff):
    assert requested.status == Status.QUEUED
    assert requested.task_id
    assert requested.requested_by == staff
    assert requested.title == "Справка за Иваново"


def test_a_requested_document_is_rendered_after_commit(rendered, settings):
    assert rendered.status == Status.READY
    assert rendered.pages == 1
    assert rendered.size == rendered.file.size
    assert len(rendered.sha256) == 64
    assert rendered.attempts == 1
    assert rendered.worker.endswith(f":{os.getpid()}")
    assert rendered.started_at <= rendered.finished_at
    assert stored_pdfs(settings) == [settings.MEDIA_ROOT / rendered.file.name]


def test_a_document_without_title_is_named_after_its_kind_and_source(ivanovo):
    document = request_document(ivanovo, SHEET)
    assert document.title == "Справка: Иваново"


def test_requesting_again_renders_into_the_same_row_and_file(
    rendered, ivanovo, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        again = request_document(ivanovo, SHEET)
    again.refresh_from_db()
    assert document_of(ivanovo, SHEET) == again
    assert again.pk == rendered.pk
    assert again.task_id != rendered.task_id
    assert again.status == Status.READY
    assert GeneratedDocument.objects.count() == 1
    assert stored_pdfs(settings) == [settings.MEDIA_ROOT / again.file.name]


def test_a_stale_task_does_nothing(requested):
    render_document.apply(args=[requested.pk], task_id="a-task-that-was-superseded")
    requested.refresh_from_db()
    assert requested.status == Status.QUEUED
    assert requested.attempts == 0
    assert not requested.file


def test_a_redelivered_task_takes_over_a_render_whose_worker_died(requested):
    GeneratedDocument.objects.filter(pk=requested.pk).update(
        status=Status.RENDERING, attempts=1, worker="gone:4242"
    )
    render_document.apply(args=[requested.pk], task_id=requested.task_id)
    requested.refresh_from_db()
    assert requested.status == Status.READY
    assert requested.attempts == 2
    assert requested.worker != "gone:4242"


def test_a_render_whose_worker_keeps_dying_is_failed_instead_of_claimed_again(requested):
    GeneratedDocument.objects.filter(pk=requested.pk).update(
        status=Status.RENDERING, attempts=MAX_ATTEMPTS, worker="gone:4242"
    )
    render_document.apply(args=[requested.pk], task_id=requested.task_id)
    requested.refresh_from_db()
    assert requested.status == Status.FAILED
    assert requested.attempts == MAX_ATTEMPTS
    assert requested.error == "Stopped after 10 attempts: the worker died each time."


def test_a_stale_task_does_not_render_a_ready_document_again(rendered):
    for task_id in ("a-task-that-was-superseded", rendered.task_id):
        render_document.apply(args=[rendered.pk], task_id=task_id)
    ready = GeneratedDocument.objects.get(pk=rendered.pk)
    assert (ready.attempts, ready.finished_at, ready.file.name, ready.sha256) == (
        rendered.attempts,
        rendered.finished_at,
        rendered.file.name,
        rendered.sha256,
    )


def failing_storage_saves(times):
    """Make the media storage raise OSError on its next ``times`` saves, as a full disk would."""
    original = FileSystemStorage.save
    calls = {"count": 0}

    def save(storage, name, content, **kwargs):
        calls["count"] += 1
        if calls["count"] <= times:
            raise OSError(28, "No space left on device")
        return original(storage, name, content, **kwargs)

    return mock.patch.object(FileSystemStorage, "save", autospec=True, side_effect=save)


def test_a_transient_storage_error_is_retried(ivanovo, django_capture_on_commit_callbacks):
    with failing_storage_saves(times=1), django_capture_on_commit_callbacks(execute=True):
        document = request_document(ivanovo, SHEET)
    document.refresh_from_db()
    assert document.status == Status.READY
    assert document.attempts == 2
    assert document.error == ""


def test_retries_back_off_exponentially_with_jitter():
    from ivanovo_portal.documents.tasks import backoff

    with mock.patch("random.randrange", side_effect=lambda stop: stop - 1):
        delays = [backoff(retries) for retries in range(7)]
    assert delays == [5, 10, 20, 40, 80, 160, 300]


def test_a_render_that_keeps_failing_gives_up_after_five_retries(
    ivanovo, django_capture_on_commit_callbacks
):
    with failing_storage_saves(times=100), django_capture_on_commit_callbacks(execute=True):
        document = request_document(ivanovo, SHEET)
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert document.attempts == 6
    assert "Gave up after 6 attempts" in document.error
    assert "No space left on device" in document.error


def test_a_permanent_failure_is_recorded_and_a_retry_renders_it(
    village, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = request_document(village, CENSUS)
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert document.attempts == 1
    assert document.error == "ValueError: No population figure for Красен"

    Settlement.objects.filter(pk=village.pk).update(population=1200)
    with django_capture_on_commit_callbacks(execute=True):
        retry_document(document, user=staff)
    document.refresh_from_db()
    assert document.status == Status.READY
    assert document.error == ""
    assert document.attempts == 1


def test_only_a_failed_document_can_be_retried(rendered, staff):
    with pytest.raises(Refused):
        retry_document(rendered, user=staff)


def test_a_document_whose_source_was_deleted_fails_with_a_message(
    db, django_capture_on_commit_callbacks
):
    hamlet = Settlement.objects.create(
        name="Заличено", name_en="Deleted", slug="deleted", mayor_kind="deputy_mayor"
    )
    document = request_document(hamlet, SHEET)
    hamlet.delete()
    render_document.apply(args=[document.pk], task_id=document.task_id)
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert document.error == "The object this document was made from has been deleted."


def test_an_unknown_kind_is_refused_with_a_clear_error(ivanovo):
    with pytest.raises(LookupError, match=r"tests\.nothing"):
        request_document(ivanovo, "tests.nothing")


def stall(document, status, *, minutes):
    """Leave the document ``status`` and unchanged for ``minutes``, as a job no worker finishes."""
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status=status, updated_at=timezone.now() - timedelta(minutes=minutes)
    )
    document.refresh_from_db()
    return document


@pytest.mark.parametrize("status", [Status.QUEUED, Status.RENDERING])
def test_a_job_unchanged_past_the_hard_time_limit_and_a_margin_is_stalled(
    requested, settings, status
):
    limit = settings.CELERY_TASK_TIME_LIMIT // 60
    margin = STALL_MARGIN.total_seconds() // 60

    assert not stall(requested, status, minutes=limit).is_stalled
    assert requested.is_pending
    assert not stall(requested, status, minutes=limit + margin - 1).is_stalled

    assert stall(requested, status, minutes=limit + margin + 1).is_stalled
    assert not requested.is_pending
    assert requested.is_retryable
    assert list(GeneratedDocument.objects.stalled()) == [requested]
    assert list(GeneratedDocument.objects.retryable()) == [requested]


def test_a_ready_or_failed_document_is_never_stalled(rendered):
    assert not stall(rendered, Status.READY, minutes=600).is_stalled
    assert not stall(rendered, Status.FAILED, minutes=600).is_stalled
    assert not GeneratedDocument.objects.stalled().exists()


def test_a_render_in_progress_cannot_be_retried(requested, staff):
    stall(requested, Status.RENDERING, minutes=1)
    with pytest.raises(Refused):
        retry_document(requested, user=staff)


def test_a_render_killed_at_the_hard_time_limit_is_retried_and_stored_once(
    requested, staff, settings, django_capture_on_commit_callbacks
):
    # Claimed, then killed; Celery acknowledged the message, so nothing will claim the row again.
    killed_task = requested.task_id
    GeneratedDocument.objects.filter(pk=requested.pk).update(attempts=1, worker="gone:4242")
    stall(requested, Status.RENDERING, minutes=60)

    with django_capture_on_commit_callbacks(execute=True):
        retry_document(requested, user=staff)
    render_document.apply(args=[requested.pk], task_id=killed_task)

    requested.refresh_from_db()
    assert requested.status == Status.READY
    assert requested.task_id != killed_task
    assert requested.attempts == 1
    assert stored_pdfs(settings) == [settings.MEDIA_ROOT / requested.file.name]


def test_a_broker_down_at_enqueue_leaves_the_document_queued_and_says_so(
    ivanovo, caplog, django_capture_on_commit_callbacks
):
    refused = BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with (
        mock.patch.object(render_document, "apply_async", side_effect=refused),
        django_capture_on_commit_callbacks(execute=True),
    ):
        document = request_document(ivanovo, SHEET)

    document.refresh_from_db()
    assert document.status == Status.QUEUED
    assert f"Could not queue the render of document {document.pk}" in caplog.text
    assert "Connection refused" in caplog.text
