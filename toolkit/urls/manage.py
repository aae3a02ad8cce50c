from django.urls import path

from ..views import manage

MANAGE = "manage/"

urlpatterns = [
    path(MANAGE, manage.manage, name="manage"),
    path(f"{MANAGE}methods/new/", manage.method_new, name="method_new"),
    path(f"{MANAGE}methods/<slug:slug>/", manage.method_edit, name="method_edit"),
    path(f"{MANAGE}methods/<slug:slug>/versions/", manage.versions, name="versions"),
    path(f"{MANAGE}methods/<slug:slug>/versions/<int:number>/", manage.version, name="version"),
    path(f"{MANAGE}editions/new/", manage.edition_new, name="edition_new"),
    path(f"{MANAGE}editions/<int:number>/", manage.edition_manage, name="edition_manage"),
]
