from django.urls import path

from surveys.views import results

urlpatterns = [
    path("manage/progress/", results.progress, name="progress"),
    path("manage/results/", results.results_across, name="results_across"),
    path("manage/<slug:slug>/results/", results.results, name="results"),
    path(
        "manage/<slug:slug>/results/<str:code>/answers/",
        results.open_answers,
        name="open_answers",
    ),
    path("manage/<slug:slug>/exports/", results.export_list, name="exports"),
    path("manage/<slug:slug>/exports/<str:name>", results.export, name="export"),
    path("<slug:slug>/results/", results.public_results, name="public_results"),
    path("<slug:slug>/results.json", results.open_data, name="open_data"),
]
