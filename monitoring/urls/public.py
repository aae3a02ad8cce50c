from django.urls import path

from monitoring.views import public

urlpatterns = [
    path("", public.index, name="index"),
]
