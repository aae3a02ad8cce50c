from django.urls import path

from consultations.views import reports
from ivanovo_portal.recommendations.source_pages import source_recommendation_urls

MINUTES = "manage/<slug:slug>/meetings/<slug:meeting_slug>/"
REPORT = "manage/<slug:slug>/reports/<slug:report_slug>/"

urlpatterns = [
    path("reports/<slug:report_slug>/", reports.report, name="report"),
    path("<slug:slug>/meetings/<slug:meeting_slug>/", reports.minutes, name="minutes"),
    path(
        "<slug:slug>/meetings/<slug:meeting_slug>/photos/<int:pk>/",
        reports.minutes_photo,
        name="minutes_photo",
    ),
    path(MINUTES, reports.manage_minutes, name="manage_minutes"),
    path(f"{MINUTES}photos/", reports.manage_minutes_photo, name="manage_minutes_photo"),
    path(
        f"{MINUTES}photos/<int:pk>/remove/",
        reports.manage_minutes_photo_remove,
        name="manage_minutes_photo_remove",
    ),
    path(f"{MINUTES}publish/", reports.manage_minutes_publish, name="manage_minutes_publish"),
    path(f"{MINUTES}unpublish/", reports.manage_minutes_unpublish, name="manage_minutes_unpublish"),
    path(f"{MINUTES}pdf/", reports.manage_minutes_pdf, name="manage_minutes_pdf"),
    path(f"{MINUTES}kit/notice/", reports.kit_notice, name="kit_notice"),
    path(f"{MINUTES}kit/summary/", reports.kit_summary, name="kit_summary"),
    path(f"{MINUTES}kit/form/", reports.kit_form, name="kit_form"),
    path(
        "manage/<slug:slug>/reports/new/", reports.manage_report_create, name="manage_report_create"
    ),
    path(f"{REPORT}", reports.manage_report_edit, name="manage_report_edit"),
    path(f"{REPORT}publish/", reports.manage_report_publish, name="manage_report_publish"),
    path(f"{REPORT}unpublish/", reports.manage_report_unpublish, name="manage_report_unpublish"),
    path(f"{REPORT}pdf/", reports.report_pdf, name="report_pdf"),
    *source_recommendation_urls(
        loader=reports.get_report_for_writer,
        prefix=REPORT,
        name="report_recommendation",
        nav="consultations/reports/_recommendations_nav.html",
    ),
]
