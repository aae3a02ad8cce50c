from django.urls import path

from ivanovo_portal.recommendations.source_pages import source_recommendation_urls
from surveys.views import reports

ITEM = "reports/<slug:slug>/questions/<int:pk>/"

urlpatterns = [
    path("reports/", reports.report_list, name="report_list"),
    path("reports/new/", reports.report_create, name="report_create"),
    path("reports/<slug:slug>/", reports.report, name="report"),
    path("reports/<slug:slug>/edit/", reports.report_edit, name="report_edit"),
    path("reports/<slug:slug>/publish/", reports.report_publish, name="report_publish"),
    path("reports/<slug:slug>/unpublish/", reports.report_unpublish, name="report_unpublish"),
    path("reports/<slug:slug>/pdf/", reports.report_pdf, name="report_pdf"),
    path("reports/<slug:slug>/questions/", reports.report_items, name="report_items"),
    path(ITEM, reports.report_item_edit, name="report_item_edit"),
    path(f"{ITEM}move/", reports.report_item_move, name="report_item_move"),
    path(f"{ITEM}remove/", reports.report_item_remove, name="report_item_remove"),
    *source_recommendation_urls(
        loader=reports.get_report_for_writer,
        prefix="reports/<slug:slug>/",
        name="report_recommendation",
        nav="surveys/reports/_recommendations_nav.html",
    ),
]
