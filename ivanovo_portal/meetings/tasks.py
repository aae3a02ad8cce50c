"""The meetings' e-mails, sent by Celery workers (see ``emails``), and the queueing of them once
the change they tell of is committed."""

import logging
from functools import partial

from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

from . import emails

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_notice(registration_id, notice):
    """E-mail ``notice`` to one registrant, if they gave an address."""
    return emails.send(registration_id, notice)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_certificate(attendance_id):
    """E-mail one attendee their certificate of attendance; once, however often this runs."""
    return emails.send_certificate(attendance_id)


@shared_task(acks_late=True)
def send_reminders():
    """Daily, by Celery beat: remind registrants of the meetings in two days; each once, however
    often this runs."""
    return emails.send_reminders()


def notify(registrations, notice):
    """Once the current transaction commits, queue ``notice`` to each of ``registrations`` that
    has an e-mail address."""
    ids = [registration.pk for registration in registrations if registration.email]
    if ids:
        transaction.on_commit(partial(_queue, send_notice, ids, str(notice)))


def send_certificates(attendance_ids):
    """Once the current transaction commits, queue the certificate e-mail of each attendance."""
    if attendance_ids:
        transaction.on_commit(partial(_queue, send_certificate, attendance_ids))


def _queue(task, ids, *arguments):
    for pk in ids:
        try:
            task.delay(pk, *arguments)
        except BrokerError:
            # The change is committed and must not fail now; the page shows the person the truth.
            logger.exception("Could not queue %s%s for %s", task.name, arguments, ids)
            return
