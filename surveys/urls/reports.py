from django.urls import path

from surveys.views import reports

urlpatterns = [
    path("reports/", reports.report_list, name="report_list"),
    path("reports/new/", reports.report_create, name="report_create"),
    path("reports/<slug:slug>/", reports.report, name="report"),
    path("reports/<slug:slug>/edit/", reports.report_edit, name="report_edit"),
    path("reports/<slug:slug>/publish/", reports.report_publish, name="report_publish"),
    path("reports/<slug:slug>/unpublish/", reports.report_unpublish, name="report_unpublish"),
    path("reports/<slug:slug>/pdf/", reports.report_pdf, name="report_pdf"),
    path("reports/<slug:slug>/questions/", reports.report_items, name="report_items"),
    path(
        "reports/<slug:slug>/questions/<int:pk>/",
        reports.report_item_edit,
        name="report_item_edit",
    ),
    path(
        "reports/<slug:slug>/questions/<int:pk>/move/",
        reports.report_item_move,
        name="report_item_move",
    ),
    path(
        "reports/<slug:slug>/questions/<int:pk>/remove/",
        reports.report_item_remove,
        name="report_item_remove",
    ),
    path(
        "reports/<slug:slug>/recommendations/",
        reports.report_recommendations,
        name="report_recommendations",
    ),
    path(
        "reports/<slug:slug>/recommendations/<int:pk>/",
        reports.report_recommendation_edit,
        name="report_recommendation_edit",
    ),
]
