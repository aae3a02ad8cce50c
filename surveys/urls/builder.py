from django.urls import path

from surveys.views import builder

urlpatterns = [
    path("manage/", builder.manage, name="manage"),
    path("manage/new/", builder.questionnaire_create, name="questionnaire_create"),
    path("manage/<slug:slug>/", builder.builder_page, name="builder"),
    path("manage/<slug:slug>/edit/", builder.questionnaire_edit, name="questionnaire_edit"),
    path("manage/<slug:slug>/sections/add/", builder.section_add, name="section_add"),
    path("manage/<slug:slug>/sections/<int:pk>/", builder.section_edit, name="section_edit"),
    path(
        "manage/<slug:slug>/sections/<int:pk>/delete/",
        builder.section_delete,
        name="section_delete",
    ),
    path(
        "manage/<slug:slug>/sections/<int:pk>/move/",
        builder.section_move,
        name="section_move",
    ),
    path("manage/<slug:slug>/questions/add/", builder.question_add, name="question_add"),
    path(
        "manage/<slug:slug>/questions/<int:pk>/",
        builder.question_edit,
        name="question_edit",
    ),
    path(
        "manage/<slug:slug>/questions/<int:pk>/delete/",
        builder.question_delete,
        name="question_delete",
    ),
    path(
        "manage/<slug:slug>/questions/<int:pk>/move/",
        builder.question_move,
        name="question_move",
    ),
    path("manage/<slug:slug>/quotas/", builder.quotas, name="quotas"),
    path("manage/<slug:slug>/copy/", builder.copy, name="copy"),
    path("manage/<slug:slug>/open/", builder.open_questionnaire, name="open"),
    path("manage/<slug:slug>/close/", builder.close_questionnaire, name="close"),
    path(
        "manage/<slug:slug>/publish-results/",
        builder.publish_results,
        name="publish_results",
    ),
    path(
        "manage/<slug:slug>/public-figures/",
        builder.refresh_public_figures,
        name="refresh_public_figures",
    ),
    path("manage/<slug:slug>/preview/", builder.preview, name="preview"),
]
