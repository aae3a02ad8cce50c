from django.urls import path

from monitoring.views import observations, sheets

CELL = "work/<slug:slug>/<slug:settlement_slug>/<str:code>/"
SHEETS = "manage/rounds/<slug:slug>/sheets/"

urlpatterns = [
    path("work/", observations.work, name="work"),
    path("work/<slug:slug>/", observations.work_round, name="work_round"),
    path(
        "work/<slug:slug>/criteria/<str:code>/",
        observations.work_criterion,
        name="work_criterion",
    ),
    path(
        "work/<slug:slug>/evidence/<int:pk>/remove/",
        observations.evidence_remove,
        name="evidence_remove",
    ),
    path(CELL, observations.observation, name="observation"),
    path(f"{CELL}submit/", observations.observation_submit, name="observation_submit"),
    path(f"{CELL}evidence/", observations.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/", observations.evidence_file, name="evidence_file"),
    path(
        "manage/evidence/<int:pk>/public/", observations.evidence_publish, name="evidence_publish"
    ),
    path(SHEETS, sheets.sheet_list, name="sheet_list"),
    path(f"{SHEETS}<slug:settlement_slug>/", sheets.sheet_entry, name="sheet_entry"),
    path(f"{SHEETS}<slug:settlement_slug>/pdf/", sheets.sheet_pdf, name="sheet_pdf"),
]
