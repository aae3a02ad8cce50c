"""Housekeeping of sessions and of personal data past its retention period, run daily by Celery
beat (``settings.CELERY_BEAT_SCHEDULE``)."""

from importlib import import_module

from celery import shared_task
from django.conf import settings

from . import retention


@shared_task(acks_late=True)
def clear_expired_sessions():
    """Delete the sessions past their expiry, the abandoned answering attempts among them; safe
    to run twice (what ``manage.py clearsessions`` does)."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


@shared_task(acks_late=True)
def apply_retention():
    """Erase the personal data past its declared retention period; safe to run twice."""
    return retention.apply_retention()
