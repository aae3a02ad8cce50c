from django.urls import path

from monitoring.views import rounds, verification

ROUND = "manage/rounds/<slug:slug>/"

urlpatterns = [
    path("manage/rounds/", rounds.round_list, name="round_list"),
    path("manage/rounds/new/", rounds.round_create, name="round_create"),
    path(ROUND, rounds.round_detail, name="round_detail"),
    path(f"{ROUND}edit/", rounds.round_edit, name="round_edit"),
    path(f"{ROUND}members/", rounds.round_members, name="round_members"),
    path(f"{ROUND}step/", rounds.round_step, name="round_step"),
    path(f"{ROUND}disputed/", verification.reconcile_list, name="reconcile_list"),
    path(f"{ROUND}disputed/<int:pk>/", verification.reconcile, name="reconcile"),
    path(
        "work/<slug:slug>/second-scores/",
        verification.second_score_list,
        name="second_score_list",
    ),
    path(
        "work/<slug:slug>/second-scores/<int:pk>/",
        verification.second_score,
        name="second_score",
    ),
]
