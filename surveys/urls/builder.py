from django.urls import path, register_converter

from surveys.builder import RESERVED_SLUGS
from surveys.views import builder


class BuilderSlug:
    """A questionnaire's slug, never a word other areas use under manage/ (manage/progress/…)."""

    regex = "[-a-zA-Z0-9_]+"

    def to_python(self, value):
        if value in RESERVED_SLUGS:
            raise ValueError(value)
        return value

    def to_url(self, value):
        return value


register_converter(BuilderSlug, "builder_slug")

urlpatterns = [
    path("manage/", builder.manage, name="manage"),
    path("manage/new/", builder.questionnaire_create, name="questionnaire_create"),
    path("manage/<builder_slug:slug>/", builder.builder_page, name="builder"),
    path("manage/<builder_slug:slug>/edit/", builder.questionnaire_edit, name="questionnaire_edit"),
    path("manage/<builder_slug:slug>/sections/add/", builder.section_add, name="section_add"),
    path(
        "manage/<builder_slug:slug>/sections/<int:pk>/", builder.section_edit, name="section_edit"
    ),
    path(
        "manage/<builder_slug:slug>/sections/<int:pk>/delete/",
        builder.section_delete,
        name="section_delete",
    ),
    path(
        "manage/<builder_slug:slug>/sections/<int:pk>/move/",
        builder.section_move,
        name="section_move",
    ),
    path("manage/<builder_slug:slug>/questions/add/", builder.question_add, name="question_add"),
    path(
        "manage/<builder_slug:slug>/questions/<int:pk>/",
        builder.question_edit,
        name="question_edit",
    ),
    path(
        "manage/<builder_slug:slug>/questions/<int:pk>/delete/",
        builder.question_delete,
        name="question_delete",
    ),
    path(
        "manage/<builder_slug:slug>/questions/<int:pk>/move/",
        builder.question_move,
        name="question_move",
    ),
    path("manage/<builder_slug:slug>/quotas/", builder.quotas, name="quotas"),
    path("manage/<builder_slug:slug>/copy/", builder.copy, name="copy"),
    path("manage/<builder_slug:slug>/open/", builder.open_questionnaire, name="open"),
    path("manage/<builder_slug:slug>/close/", builder.close_questionnaire, name="close"),
    path(
        "manage/<builder_slug:slug>/publish-results/",
        builder.publish_results,
        name="publish_results",
    ),
    path("manage/<builder_slug:slug>/preview/", builder.preview, name="preview"),
]
