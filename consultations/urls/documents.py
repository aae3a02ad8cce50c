from django.urls import path, register_converter
from django.urls.converters import SlugConverter

from consultations.services.documents import RESERVED_SLUGS
from consultations.views import documents, manage


class ConsultationSlug(SlugConverter):
    """A consultation's address, never one of the fixed words of other pages (``coverage/``),
    so that those pages are found whatever order the URL lists are joined in."""

    def to_python(self, value):
        if value in RESERVED_SLUGS:
            raise ValueError(value)
        return value


register_converter(ConsultationSlug, "consultation")

CONSULTATION = "manage/<consultation:slug>/"

urlpatterns = [
    path("manage/", manage.manage_list, name="manage_list"),
    path("manage/new/", manage.manage_create, name="manage_create"),
    path(CONSULTATION, manage.manage_edit, name="manage_edit"),
    path(f"{CONSULTATION}publish/", manage.manage_publish, name="manage_publish"),
    path(f"{CONSULTATION}sections/", manage.manage_sections, name="manage_sections"),
    path(f"{CONSULTATION}sections/<int:pk>/", manage.manage_section, name="manage_section"),
    path(
        f"{CONSULTATION}sections/<int:pk>/move/",
        manage.manage_section_move,
        name="manage_section_move",
    ),
    path(
        f"{CONSULTATION}sections/<int:pk>/remove/",
        manage.manage_section_remove,
        name="manage_section_remove",
    ),
    path(f"{CONSULTATION}import/", manage.manage_import, name="manage_import"),
    path(f"{CONSULTATION}versions/", manage.manage_versions, name="manage_versions"),
    path(f"{CONSULTATION}annexes/", manage.manage_annexes, name="manage_annexes"),
    path(
        f"{CONSULTATION}annexes/<int:pk>/remove/",
        manage.manage_annex_remove,
        name="manage_annex_remove",
    ),
    path(f"{CONSULTATION}meetings/", manage.manage_meetings, name="manage_meetings"),
    path(
        f"{CONSULTATION}meeting-links/<int:pk>/unlink/",
        manage.manage_meeting_unlink,
        name="manage_meeting_unlink",
    ),
    path("<consultation:slug>/", documents.detail, name="detail"),
    path(
        "<consultation:slug>/sections/<slug:key>/comments/",
        documents.section_comments,
        name="section_comments",
    ),
    path("<consultation:slug>/v<int:number>/", documents.version, name="version"),
    path("<consultation:slug>/compare/", documents.compare, name="compare"),
    path("<consultation:slug>/annexes/<int:pk>/", documents.annex, name="annex"),
]
