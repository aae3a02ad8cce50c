from django.urls import path

from monitoring.views import public

urlpatterns = [
    path("", public.index, name="index"),
    path("rounds/<slug:slug>/", public.scorecard_page, name="scorecard"),
    path("rounds/<slug:slug>/scorecard.json", public.scorecard_json, name="scorecard_json"),
    path(
        "rounds/<slug:slug>/<slug:settlement_slug>/<str:code>/",
        public.finding,
        name="finding",
    ),
]
