"""The counts of readings and downloads written to their rows, every minute by Celery beat
(``settings.CELERY_BEAT_SCHEDULE``)."""

from celery import shared_task

from . import counts


@shared_task
def write_counts():
    """Add the counts kept in Redis to their rows (``counts.write``); safe to run at any time,
    twice at once too."""
    return counts.write()
