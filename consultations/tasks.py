"""The consultations' e-mails to commenters, sent by Celery workers (see ``emails``), and the
queueing of them once the change they tell of is committed."""

import logging
from functools import partial

from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

from . import emails
from .emails import Notice

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_comment_notice(comment_id, notice):
    """E-mail ``notice`` about one comment to its author, if the portal still has the address."""
    return emails.SENDERS[Notice(notice)](comment_id)


def tell(comment, notice):
    """Once the current transaction commits, queue ``notice`` to ``comment``'s author, if they
    gave an address."""
    if comment.email:
        transaction.on_commit(partial(_queue, comment.pk, notice))


def _queue(comment_id, notice):
    try:
        send_comment_notice.delay(comment_id, str(notice))
    except BrokerError:
        # The change is committed and must not fail now; the page shows the person the truth.
        logger.exception("Could not queue the %s notice of comment %s", notice, comment_id)
