"""The render task: a thin wrapper over ``services`` that decides what to retry."""

import os
import socket

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.utils.time import get_exponential_backoff_interval
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

from . import services, workers

# Worth another try: the database, the storage or Redis may come back.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError, RedisError, BrokerError)


# The longest wait before a retry, in seconds. A waiting retry is a message the worker holds
# unacknowledged, so this plus the hard time limit stays below the broker's visibility timeout.
MAX_BACKOFF = 300


def backoff(retries):
    """Seconds before retry ``retries + 1``: up to 5, 10, 20… s, at most 5 minutes (full jitter)."""
    return get_exponential_backoff_interval(
        factor=5, retries=retries, maximum=MAX_BACKOFF, full_jitter=True
    )


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def render_document(self, document_id):
    """Render one document. Safe to run twice: only the task whose id the row holds does work."""
    task_id = self.request.id
    try:
        if not services.claim(
            document_id,
            task_id=task_id,
            worker=f"{socket.gethostname()}:{os.getpid()}",
            worker_instance=workers.instance(),
        ):
            return
        services.render_and_store(document_id, task_id=task_id)
    except TRANSIENT_ERRORS as exc:
        error = describe(exc)
        if self.request.retries >= self.max_retries:
            services.fail(
                document_id,
                task_id=task_id,
                error=_("Gave up after %(count)d attempts. Last error: %(error)s")
                % {"count": self.request.retries + 1, "error": error},
            )
            return
        services.requeue(document_id, task_id=task_id, error=error)
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc
    except services.SourceMissing:
        services.fail(
            document_id,
            task_id=task_id,
            error=_("The object this document was made from has been deleted."),
        )
    except SoftTimeLimitExceeded:
        services.fail(
            document_id, task_id=task_id, error=_("Rendering took too long and was stopped.")
        )
    except Exception as exc:
        services.fail(document_id, task_id=task_id, error=describe(exc))
        raise


@shared_task
def requeue_abandoned_documents():
    """Queue again the renders of workers that died: when a worker starts, and every minute."""
    return services.requeue_abandoned()


def describe(exc):
    """An error as one readable line for the staff: its kind and message."""
    message = str(exc).strip()
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
