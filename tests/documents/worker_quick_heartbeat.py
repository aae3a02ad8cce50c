"""Imported by the real Celery workers of the recovery test (``celery worker --include``): a
heartbeat every half second, so that a killed worker counts as dead after a second and a half."""

from ivanovo_portal.documents import workers

workers.HEARTBEAT_INTERVAL = 0.5
