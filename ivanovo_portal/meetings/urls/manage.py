from django.urls import path

from ..views import manage

urlpatterns = [
    path("manage/", manage.meeting_list, name="manage_list"),
    path("manage/new/", manage.meeting_create, name="manage_create"),
    path("manage/<slug:slug>/", manage.meeting_edit, name="manage_edit"),
    path("manage/<slug:slug>/schedule/", manage.meeting_schedule, name="manage_schedule"),
    path("manage/<slug:slug>/postpone/", manage.meeting_postpone, name="manage_postpone"),
    path("manage/<slug:slug>/cancel/", manage.meeting_cancel, name="manage_cancel"),
    path("manage/<slug:slug>/programme/", manage.programme, name="manage_programme"),
    path(
        "manage/<slug:slug>/programme/<int:pk>/",
        manage.programme_item,
        name="manage_programme_item",
    ),
    path(
        "manage/<slug:slug>/programme/<int:pk>/remove/",
        manage.programme_item_remove,
        name="manage_programme_item_remove",
    ),
    path("manage/<slug:slug>/speakers/", manage.speakers, name="manage_speakers"),
    path("manage/<slug:slug>/speakers/<int:pk>/", manage.speaker, name="manage_speaker"),
    path(
        "manage/<slug:slug>/speakers/<int:pk>/remove/",
        manage.speaker_remove,
        name="manage_speaker_remove",
    ),
    path("manage/<slug:slug>/materials/", manage.materials, name="manage_materials"),
    path(
        "manage/<slug:slug>/materials/<int:pk>/remove/",
        manage.material_remove,
        name="manage_material_remove",
    ),
    path("manage/<slug:slug>/registrations/", manage.registrations, name="manage_registrations"),
]
