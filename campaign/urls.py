from django.urls import path

from . import views

app_name = "campaign"

urlpatterns = [
    path("news/", views.news, name="news"),
    path("publications/", views.publications, name="publications"),
]
