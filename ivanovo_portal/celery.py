import os

from celery import Celery

from ivanovo_portal.documents.workers import Heartbeat

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ivanovo_portal.settings")

app = Celery("ivanovo_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# A worker's heartbeat tells the others that the renders it claimed are still its own.
app.steps["worker"].add(Heartbeat)
