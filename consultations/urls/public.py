from django.urls import path

from consultations.views import public

urlpatterns = [
    path("", public.index, name="index"),
]
