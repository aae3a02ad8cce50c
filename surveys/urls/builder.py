from django.urls import path

from surveys.views import builder

QUESTIONNAIRE = "manage/<slug:slug>/"
SECTION = f"{QUESTIONNAIRE}sections/<int:pk>/"
QUESTION = f"{QUESTIONNAIRE}questions/<int:pk>/"

urlpatterns = [
    path("manage/", builder.manage, name="manage"),
    path("manage/new/", builder.questionnaire_create, name="questionnaire_create"),
    path(QUESTIONNAIRE, builder.builder_page, name="builder"),
    path(f"{QUESTIONNAIRE}edit/", builder.questionnaire_edit, name="questionnaire_edit"),
    path(f"{QUESTIONNAIRE}sections/add/", builder.section_add, name="section_add"),
    path(SECTION, builder.section_edit, name="section_edit"),
    path(f"{SECTION}delete/", builder.section_delete, name="section_delete"),
    path(f"{SECTION}move/", builder.section_move, name="section_move"),
    path(f"{QUESTIONNAIRE}questions/add/", builder.question_add, name="question_add"),
    path(QUESTION, builder.question_edit, name="question_edit"),
    path(f"{QUESTION}delete/", builder.question_delete, name="question_delete"),
    path(f"{QUESTION}move/", builder.question_move, name="question_move"),
    path(f"{QUESTIONNAIRE}quotas/", builder.quotas, name="quotas"),
    path(f"{QUESTIONNAIRE}copy/", builder.copy, name="copy"),
    path(f"{QUESTIONNAIRE}open/", builder.open_questionnaire, name="open"),
    path(f"{QUESTIONNAIRE}close/", builder.close_questionnaire, name="close"),
    path(f"{QUESTIONNAIRE}publish-results/", builder.publish_results, name="publish_results"),
    path(
        f"{QUESTIONNAIRE}public-figures/",
        builder.refresh_public_figures,
        name="refresh_public_figures",
    ),
    path(f"{QUESTIONNAIRE}preview/", builder.preview, name="preview"),
]
