from django.urls import path

from surveys.views import public

urlpatterns = [
    path("", public.index, name="index"),
]
