import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ivanovo_portal.settings")

app = Celery("ivanovo_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
