from django.urls import path

from . import views

app_name = "accessibility"

urlpatterns = [
    path("", views.statement, name="statement"),
    path("feedback/<int:pk>/", views.feedback_detail, name="feedback"),
    path("feedback/<int:pk>/answered/", views.feedback_answered, name="feedback_answered"),
]
