"""Housekeeping of sessions, run daily by Celery beat (``settings.CELERY_BEAT_SCHEDULE``)."""

from importlib import import_module

from celery import shared_task
from django.conf import settings


@shared_task(acks_late=True)
def clear_expired_sessions():
    """Delete the sessions past their expiry, the abandoned answering attempts among them; safe
    to run twice (what ``manage.py clearsessions`` does)."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
