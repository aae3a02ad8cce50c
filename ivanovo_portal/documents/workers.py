"""Which Celery workers are alive. Each running worker keeps a key of its own fresh in the cache
(Redis); a render claimed by a worker whose key has expired was cut short by the worker's death,
and goes back in the queue (``services.requeue_abandoned``) instead of waiting for the broker to
deliver its message again after the visibility timeout.

Imported by the Celery app before Django is set up: nothing here loads models at import.
"""

import logging
import uuid

from celery import bootsteps
from celery.signals import worker_ready
from django.core.cache import cache

logger = logging.getLogger(__name__)

# Seconds between two heartbeats of a worker; one that missed three counts as dead.
HEARTBEAT_INTERVAL = 5
KEY_PREFIX = "documents:worker:"
_instance = ""


def instance():
    """The running worker, as a claim records it; "" outside a worker (tasks run in-process).
    Its node name and a part of its own: a restarted worker keeps its node name (and, in a
    container, its process id), and the renders of the one before it must not pass as its own."""
    return _instance


def heartbeat_lifetime():
    return 3 * HEARTBEAT_INTERVAL


def alive(instances):
    """The ones among ``instances`` whose heartbeat has not expired."""
    found = cache.get_many([KEY_PREFIX + name for name in instances])
    return {key.removeprefix(KEY_PREFIX) for key in found}


def _beat():
    # A heartbeat lost to a Redis hiccup makes others render again what this worker renders:
    # its own render then finds another task id on the row and stores nothing.
    try:
        cache.set(KEY_PREFIX + _instance, 1, timeout=heartbeat_lifetime())
    except Exception:
        logger.exception("Could not record the heartbeat of worker %s", _instance)


class Heartbeat(bootsteps.StartStopStep):
    """Keeps the worker's heartbeat fresh from its start to its stop. Created in the worker's main
    process before its pool's processes fork, so that they claim renders under its name."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        global _instance
        _instance = f"{worker.hostname}/{uuid.uuid4().hex[:12]}"
        super().__init__(worker, **kwargs)
        self.timer_entry = None

    def start(self, worker):
        _beat()
        self.timer_entry = worker.timer.call_repeatedly(HEARTBEAT_INTERVAL, _beat)

    def stop(self, worker):
        if self.timer_entry is not None:
            self.timer_entry.cancel()
        cache.delete(KEY_PREFIX + _instance)


@worker_ready.connect
def requeue_renders_of_dead_workers(**kwargs):
    """A worker that starts, often in place of one that was killed, has the renders of dead
    workers queued again once their heartbeats have expired."""
    from .tasks import requeue_abandoned_documents

    requeue_abandoned_documents.apply_async(countdown=heartbeat_lifetime())
