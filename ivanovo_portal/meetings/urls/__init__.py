"""Public meetings at ``/events/``: the list and each meeting with its registration, the
calendar feeds; staff's screens under ``manage/``; the door under ``<slug>/door/``."""

from . import attendance, manage, public

app_name = "meetings"

urlpatterns = manage.urlpatterns + attendance.urlpatterns + public.urlpatterns
