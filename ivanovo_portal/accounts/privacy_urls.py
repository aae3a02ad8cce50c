from django.urls import path

from . import privacy

app_name = "privacy"

urlpatterns = [
    path("", privacy.notice, name="notice"),
    path("rights/", privacy.rights, name="rights"),
    path("rights/<str:token>/", privacy.link, name="link"),
    path("rights/<str:token>/download/", privacy.download, name="download"),
]
