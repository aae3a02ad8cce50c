"""Operations on generated documents: request a render, run it in a worker, record the outcome.

The render runs outside any transaction; each state change is one conditional UPDATE guarded by the
task id, so a stale or duplicate task never overwrites the work of the current one.
"""

import hashlib
import logging
import uuid
from functools import partial
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as BrokerError
from pypdf import PdfReader

from ivanovo_portal.audit.services import changed, log_action, tracked
from ivanovo_portal.refusals import Refused

from . import workers
from .models import GeneratedDocument
from .registry import kinds

logger = logging.getLogger(__name__)
Status = GeneratedDocument.Status
IN_PROGRESS = GeneratedDocument.IN_PROGRESS
# Claims of one request before it is failed: above the task's retries (5), so only redeliveries
# after dying workers reach it.
MAX_ATTEMPTS = 10
# What the history shows changing when a document is requested or rendered.
RECORDED_FIELDS = ("status", "pages", "sha256")


class SourceMissing(Exception):
    """The object a document was rendered from has been deleted."""


@transaction.atomic
def request_document(source, kind, *, user=None, title=""):
    """Queue a render of the document of ``kind`` for ``source``: the one row per pair is reused."""
    entry = kinds.get(kind)
    with translation.override(settings.LANGUAGE_CODE):
        default_title = f"{entry.label}: {source}"[:255]
    document, _created = GeneratedDocument.objects.select_for_update().get_or_create(
        kind=kind,
        content_type=ContentType.objects.get_for_model(source),
        object_id=source.pk,
        defaults={"title": title or default_title},
    )
    if title:
        document.title = title[:255]
    return _queue(document, user, "document.requested")


@transaction.atomic
def retry_document(document, *, user):
    """Queue a failed or stalled document again, on a staff member's request. The stalled job's
    task, should it still run, finds a new task id on the row and does nothing."""
    document = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
    if not document.is_retryable:
        raise Refused(_("Only a document whose rendering failed or stalled can be retried."))
    return _queue(document, user, "document.retried")


def _queue(document, user, action):
    before = tracked(document, RECORDED_FIELDS)
    document.status = Status.QUEUED
    document.task_id = str(uuid.uuid4())
    document.attempts = 0
    document.error = ""
    document.worker = ""
    document.worker_instance = ""
    document.started_at = None
    document.finished_at = None
    if user is not None and user.is_authenticated:
        document.requested_by = user
    document.save()
    log_action(document, action, user=user, changes=changed(before, document))
    transaction.on_commit(partial(_enqueue_render, document.pk, document.task_id))
    return document


def _enqueue_render(document_id, task_id):
    from .tasks import render_document

    # The task id is the one stored on the row: only that task may claim it, also when eager.
    try:
        render_document.apply_async(args=[document_id], task_id=task_id)
    except BrokerError:
        # The request's data is committed: it must not fail now. The row stays queued, counts as
        # stalled after a while, and staff render it again.
        logger.exception("Could not queue the render of document %s", document_id)


def claim(document_id, *, task_id, worker, worker_instance):
    """Take a queued render, or one whose worker died, for this task; False for a stale task.
    ``worker`` names the process, ``worker_instance`` the running worker (``workers.instance``)."""
    now = timezone.now()
    current = GeneratedDocument.objects.filter(
        pk=document_id, task_id=task_id, status__in=IN_PROGRESS
    )
    # A render that kills its worker every time would otherwise be redelivered for ever.
    if _fail(
        current.filter(attempts__gte=MAX_ATTEMPTS),
        gettext("Stopped after %(count)d attempts: the worker died each time.")
        % {"count": MAX_ATTEMPTS},
    ):
        return False
    claimed = current.update(
        status=Status.RENDERING,
        started_at=now,
        updated_at=now,
        attempts=F("attempts") + 1,
        worker=worker,
        worker_instance=worker_instance,
    )
    return claimed == 1


def requeue_abandoned():
    """Queue again the renders whose worker has died, each under a new task id (the dead
    worker's message, should the broker deliver it again, finds another one); how many."""
    claimed = GeneratedDocument.objects.filter(status=Status.RENDERING).exclude(worker_instance="")
    instances = set(claimed.values_list("worker_instance", flat=True))
    dead = instances - workers.alive(instances)
    abandoned = claimed.filter(worker_instance__in=dead).values_list("pk", "worker_instance")
    return sum(_requeue_abandoned(pk, instance) for pk, instance in abandoned)


@transaction.atomic
def _requeue_abandoned(document_id, instance):
    task_id = str(uuid.uuid4())
    # The attempts go on counting: a render that kills its worker each time fails in the end.
    requeued = GeneratedDocument.objects.filter(
        pk=document_id, status=Status.RENDERING, worker_instance=instance
    ).update(status=Status.QUEUED, task_id=task_id, worker_instance="", updated_at=timezone.now())
    if requeued:
        logger.warning("Render of document %s queued again: worker %s died", document_id, instance)
        with translation.override(settings.LANGUAGE_CODE):
            status = [str(Status.RENDERING.label), str(Status.QUEUED.label)]
        log_action(
            GeneratedDocument(pk=document_id),
            "document.requeued",
            user=None,
            changes={"status": status},
            reason=instance,
        )
        transaction.on_commit(partial(_enqueue_render, document_id, task_id))
    return requeued


def render_and_store(document_id, *, task_id):
    """Render a claimed document, outside any transaction, and store it; False if superseded."""
    document = GeneratedDocument.objects.get(pk=document_id)
    source = document.source
    if source is None:
        raise SourceMissing(document.content_type, document.object_id)
    rendered = kinds.get(document.kind).renderer(source)
    return _store(document, task_id, rendered)


def _store(document, task_id, rendered):
    storage = document.file.storage
    # One name per document and task: a redelivered task rewrites the same file, while a stale
    # task can never overwrite the file of the render that superseded it.
    extension = PurePosixPath(rendered.name).suffix.lower()
    name = f"documents/{document.kind}/{document.pk}-{task_id}{extension}"
    if storage.exists(name):
        storage.delete(name)
    with rendered.as_file() as file:
        saved_name = storage.save(name, file)
        digest = hashlib.sha256()
        for chunk in file.chunks():
            digest.update(chunk)
        pages = len(PdfReader(file).pages) if rendered.is_pdf else None
        size = file.size
    now = timezone.now()
    # The last good file was served until the row pointed at the new one: only now may it go.
    previous = document.file.name
    before = tracked(document, RECORDED_FIELDS)
    with transaction.atomic():
        stored = GeneratedDocument.objects.filter(
            pk=document.pk, task_id=task_id, status=Status.RENDERING
        ).update(
            status=Status.READY,
            file=saved_name,
            media_type=rendered.content_type,
            pages=pages,
            size=size,
            sha256=digest.hexdigest(),
            error="",
            finished_at=now,
            updated_at=now,
        )
        if stored:
            document.refresh_from_db(fields=RECORDED_FIELDS)
            log_action(document, "document.ready", user=None, changes=changed(before, document))
    if not stored:
        storage.delete(saved_name)
    elif previous and previous != saved_name:
        _delete_replaced(storage, previous)
    return bool(stored)


def _delete_replaced(storage, name):
    """Remove a file a new render replaced. The new one is stored and served: should the storage
    refuse now, a file is left over, and the render must not be retried for that."""
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Could not delete the replaced file %s", name)


def requeue(document_id, *, task_id, error):
    """Put a render that hit a transient error back in the queue, noting why."""
    GeneratedDocument.objects.filter(
        pk=document_id, task_id=task_id, status__in=IN_PROGRESS
    ).update(status=Status.QUEUED, error=error, updated_at=timezone.now())


def fail(document_id, *, task_id, error):
    """Record that a render failed for good, with a message the staff can read."""
    _fail(
        GeneratedDocument.objects.filter(pk=document_id, task_id=task_id, status__in=IN_PROGRESS),
        error,
    )


@transaction.atomic
def _fail(current, error):
    """Fail the render ``current`` selects, if there is one, and record it; whether there was."""
    document = current.select_for_update().first()
    if document is None:
        return False
    before = tracked(document, ["status", "error"])
    now = timezone.now()
    document.status, document.error = Status.FAILED, error
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status=Status.FAILED, error=error, finished_at=now, updated_at=now
    )
    log_action(document, "document.failed", user=None, changes=changed(before, document))
    return True
