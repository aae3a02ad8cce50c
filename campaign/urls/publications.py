from django.urls import path

from ..views import publications

urlpatterns = [
    path("publications/", publications.publications, name="publications"),
    path("publications/<int:pk>/", publications.publication, name="publication"),
]
