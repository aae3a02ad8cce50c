from django.urls import path

from . import letter_views, views

app_name = "recommendations"

LETTER = "manage/letters/<int:pk>/"

urlpatterns = [
    path("", views.recommendation_list, name="list"),
    path("<int:pk>/", views.recommendation_detail, name="detail"),
    path("files/<int:pk>/", letter_views.attachment_download, name="attachment"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.recommendation_create, name="create"),
    path("manage/<int:pk>/", views.recommendation_manage, name="manage"),
    path("manage/<int:pk>/edit/", views.recommendation_edit, name="edit"),
    path("manage/<int:pk>/approve/", views.recommendation_approve, name="approve"),
    path("manage/<int:pk>/response/", views.recommendation_response, name="response"),
    path("manage/<int:pk>/decision/", views.recommendation_decision, name="decision"),
    path("manage/<int:pk>/progress/", views.recommendation_progress, name="progress"),
    path("manage/<int:pk>/event/", views.recommendation_event, name="event"),
    path("manage/letters/", letter_views.submission_list, name="submission_list"),
    path("manage/letters/new/", letter_views.submission_create, name="submission_create"),
    path(LETTER, letter_views.submission_detail, name="submission"),
    path(f"{LETTER}correct/", letter_views.submission_correct, name="correct"),
    path(f"{LETTER}cancel/", letter_views.submission_cancel, name="cancel"),
    path(f"{LETTER}file/", letter_views.submission_file, name="file"),
    path(f"{LETTER}registry-entry/", letter_views.submission_registry_entry, name="registry_entry"),
    path(f"{LETTER}correct-filing/", letter_views.submission_correct_filing, name="correct_filing"),
    path(f"{LETTER}files/", letter_views.attachment_add, name="attachment_add"),
    path(
        "manage/files/<int:pk>/publish/", letter_views.attachment_publish, name="attachment_publish"
    ),
]
