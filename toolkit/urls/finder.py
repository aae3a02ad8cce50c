from django.urls import path

from ..views import finder

urlpatterns = [
    path("finder/", finder.finder, name="finder"),
    path("plan/", finder.plan, name="plan"),
]
