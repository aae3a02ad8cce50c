from django.urls import path

from ivanovo_portal.recommendations.source_pages import source_recommendation_urls
from monitoring.views import reports

REPORT = "manage/reports/<slug:slug>/"

urlpatterns = [
    path("reports/<slug:slug>/", reports.report, name="report"),
    path("manage/rounds/<slug:slug>/report/", reports.report_create, name="report_create"),
    path(f"{REPORT}edit/", reports.report_edit, name="report_edit"),
    path(f"{REPORT}publish/", reports.report_publish, name="report_publish"),
    path(f"{REPORT}unpublish/", reports.report_unpublish, name="report_unpublish"),
    path(f"{REPORT}pdf/", reports.report_pdf, name="report_pdf"),
    *source_recommendation_urls(
        loader=reports.get_report_for_writer,
        prefix=REPORT,
        name="report_recommendation",
        nav="monitoring/reports/_recommendations_nav.html",
    ),
]
