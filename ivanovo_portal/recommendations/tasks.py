"""The register's e-mails to the municipality, sent by Celery workers (see ``notifications``)."""

from celery import shared_task

from . import notifications


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_filing_notice(letter_id):
    """E-mail the officials that a letter was filed; safe to run twice."""
    return notifications.send_filing_notice(letter_id)


@shared_task(acks_late=True)
def send_answer_reminders():
    """Daily, by Celery beat: remind the officials of answers falling due; safe to run twice."""
    return notifications.send_answer_reminders()
