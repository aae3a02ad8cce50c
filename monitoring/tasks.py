"""The link capture task: a thin wrapper over ``capture.capture``, safe to run twice."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import capture

# The fetch stops itself at MONITORING_CAPTURE_TIMEOUT; these stop a capture stuck elsewhere.
SOFT_TIME_LIMIT = 2 * settings.MONITORING_CAPTURE_TIMEOUT + 20
TIME_LIMIT = SOFT_TIME_LIMIT + 10


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
)
def capture_link(evidence_id):
    """Capture the page of one pending link given as evidence."""
    try:
        capture.capture(evidence_id)
    except SoftTimeLimitExceeded:
        capture.record_failure(evidence_id, _("The capture took too long and was stopped."))
