"""The consultation report and the minutes of a consultation meeting as documents (their kinds
registered in ``apps.py``, listed in ``/publications/`` once published), with pure renderers."""

from django.utils import translation

from ivanovo_portal.documents.pdf import render_pdf

from .minutes import minutes_of, report_content

REPORT_KIND = "consultations.report"
MINUTES_KIND = "consultations.minutes"


def render_report_pdf(report) -> bytes:
    """The report as PDF bytes, in Bulgarian: its page's content, approved recommendations only."""
    with translation.override("bg"):
        content = report_content(report)
    return render_pdf("consultations/reports/pdf/report.html", {"content": content})


def render_minutes_pdf(consultation_meeting) -> bytes:
    """The minutes as PDF bytes, in Bulgarian, with the public attendance counts."""
    with translation.override("bg"):
        minutes = minutes_of(consultation_meeting)
    return render_pdf("consultations/minutes/pdf/minutes.html", {"minutes": minutes})


def minutes_are_public(consultation_meeting):
    return consultation_meeting.minutes_published_at is not None


def minutes_published_on(consultation_meeting):
    return consultation_meeting.minutes_published_at
