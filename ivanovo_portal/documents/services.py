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

from ivanovo_portal.refusals import Refused

from .models import GeneratedDocument
from .registry import kinds

logger = logging.getLogger(__name__)
Status = GeneratedDocument.Status
IN_PROGRESS = GeneratedDocument.IN_PROGRESS
# Claims of one request before it is failed: above the task's retries (5), so only redeliveries
# after dying workers reach it.
MAX_ATTEMPTS = 10


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
    return _queue(document, user)


@transaction.atomic
def retry_document(document, *, user):
    """Queue a failed or stalled document again, on a staff member's request. The stalled job's
    task, should it still run, finds a new task id on the row and does nothing."""
    document = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
    if not document.is_retryable:
        raise Refused(_("Only a document whose rendering failed or stalled can be retried."))
    return _queue(document, user)


def _queue(document, user):
    document.status = Status.QUEUED
    document.task_id = str(uuid.uuid4())
    document.attempts = 0
    document.error = ""
    document.worker = ""
    document.started_at = None
    document.finished_at = None
    if user is not None and user.is_authenticated:
        document.requested_by = user
    document.save()
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


def claim(document_id, *, task_id, worker):
    """Take a queued render, or one whose worker died, for this task; False for a stale task."""
    now = timezone.now()
    current = GeneratedDocument.objects.filter(
        pk=document_id, task_id=task_id, status__in=IN_PROGRESS
    )
    # A render that kills its worker every time would otherwise be redelivered for ever.
    if current.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Status.FAILED,
        error=gettext("Stopped after %(count)d attempts: the worker died each time.")
        % {"count": MAX_ATTEMPTS},
        finished_at=now,
        updated_at=now,
    ):
        return False
    claimed = current.update(
        status=Status.RENDERING,
        started_at=now,
        updated_at=now,
        attempts=F("attempts") + 1,
        worker=worker,
    )
    return claimed == 1


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
    # The last good file was served until the row pointed at the new one: only now may it go.
    previous = document.file.name
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
    now = timezone.now()
    GeneratedDocument.objects.filter(
        pk=document_id, task_id=task_id, status__in=IN_PROGRESS
    ).update(status=Status.FAILED, error=error, finished_at=now, updated_at=now)
