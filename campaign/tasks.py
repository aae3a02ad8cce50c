"""The campaign's Celery tasks: the newsletter's e-mails about a subscription, and the sending of
an issue (``newsletter.sending``), thin wrappers queued once the change is committed."""

import logging
from functools import partial

from celery import shared_task
from celery.signals import worker_ready
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

from .newsletter import notices, sending

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_subscription_email(subscriber_id, notice):
    """E-mail a subscriber the link to confirm, or, when subscribed already, the note saying so
    (``notices``); nothing when the address has changed state since."""
    return notices.send(subscriber_id, notice)


def write_to_subscriber(subscriber, notice):
    """Once the current transaction commits, queue ``notice`` to ``subscriber``."""
    transaction.on_commit(partial(_queue_notice, subscriber.pk, notice))


def _queue_notice(subscriber_id, notice):
    try:
        send_subscription_email.delay(subscriber_id, notice)
    except BrokerError:
        # The subscription is committed; the person can send the form again for a new e-mail.
        logger.exception("Could not queue the %s e-mail of subscriber %s", notice, subscriber_id)


@shared_task(bind=True, acks_late=True)
def send_issue_batch(self, issue_id, token):
    """Send an issue's next batch and queue the next one; stops when a newer pump took over or
    the issue is sent. Run in-process (no broker), it sends the batches in turn until one would
    have to wait."""
    while sending.is_current(issue_id, token):
        wait = sending.send_batch(issue_id)
        if wait is None:
            return
        if not self.request.is_eager:
            self.apply_async((issue_id, token), countdown=wait)
            return
        if wait:
            # In-process, a wait would hold up the page that sent the issue: the rest goes when
            # resume_sending next runs.
            return


def start_sending(issue_id):
    """Once the current transaction commits, start a pump sending the issue."""
    transaction.on_commit(partial(_start_pump, issue_id))


def _start_pump(issue_id):
    try:
        send_issue_batch.delay(issue_id, sending.new_pump(issue_id))
    except BrokerError:
        # The deliveries are committed and wait; resume_sending starts the pump within a minute.
        logger.exception("Could not start sending newsletter issue %s", issue_id)


@shared_task
def resume_sending():
    """Start a new pump for every issue being sent whose pump fell silent (its worker died):
    every minute by Celery beat, and when a worker starts."""
    issues = list(sending.silent_issues())
    for issue_id in issues:
        _start_pump(issue_id)
    return len(issues)


@worker_ready.connect
def resume_after_restart(**kwargs):
    """A worker that starts, often in place of one that was killed, resumes the issues left
    half-sent once their pumps have been silent long enough to count as dead."""
    resume_sending.apply_async(countdown=sending.SILENCE_SECONDS + 1)
