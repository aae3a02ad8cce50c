from django.urls import path

from . import views

app_name = "recommendations"

urlpatterns = [
    path("", views.recommendation_list, name="list"),
    path("<int:pk>/", views.recommendation_detail, name="detail"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.recommendation_create, name="create"),
    path("manage/<int:pk>/", views.recommendation_manage, name="manage"),
    path("manage/<int:pk>/edit/", views.recommendation_edit, name="edit"),
    path("manage/<int:pk>/approve/", views.recommendation_approve, name="approve"),
    path("manage/<int:pk>/response/", views.recommendation_response, name="response"),
    path("manage/<int:pk>/decision/", views.recommendation_decision, name="decision"),
    path("manage/<int:pk>/progress/", views.recommendation_progress, name="progress"),
    path("manage/letters/", views.submission_list, name="submission_list"),
    path("manage/letters/new/", views.submission_create, name="submission_create"),
    path("manage/letters/<int:pk>/", views.submission_detail, name="submission"),
    path(
        "manage/letters/<int:pk>/registry-entry/",
        views.submission_registry_entry,
        name="registry_entry",
    ),
]
