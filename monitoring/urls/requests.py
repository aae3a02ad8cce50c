from django.urls import path

from monitoring.views import requests

urlpatterns = [
    path("work/<slug:slug>/requests/", requests.request_list, name="request_list"),
    path("work/<slug:slug>/requests/new/", requests.request_create, name="request_create"),
    path("work/<slug:slug>/requests/<int:pk>/", requests.request_edit, name="request_edit"),
    path(
        "work/<slug:slug>/requests/<int:pk>/answer/",
        requests.request_answer_file,
        name="request_answer_file",
    ),
    path("manage/rounds/<slug:slug>/exports/", requests.round_exports, name="round_exports"),
]
