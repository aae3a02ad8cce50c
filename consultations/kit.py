"""The village meeting kit, printed by staff for a meeting in a settlement (document kinds
registered in ``apps.py``): a notice for the mayoralty's board with the meeting's date, time and
place and a QR code to the consultation; a large-print summary of the document; a comment form
numbered by section with lines to write on, which staff type in as proposals on paper."""

import segno
from django.conf import settings
from django.utils import translation

from ivanovo_portal.documents.pdf import render_pdf
from ivanovo_portal.meetings.models import Meeting

from .services.documents import current_version

NOTICE_KIND = "consultations.kit_notice"
SUMMARY_KIND = "consultations.kit_summary"
FORM_KIND = "consultations.kit_form"
# Large print (RNIB's clear print guidance: 16 pt at the least).
LARGE_PRINT_PT = 18
# Lines to write on under each section of the comment form, and under "the whole document".
WRITING_LINES = 5


def consultation_url(consultation):
    """The absolute address of the consultation's page, printed as a QR code and in words."""
    with translation.override(settings.LANGUAGE_CODE):
        path = consultation.get_absolute_url()
    return f"{settings.PORTAL_URL}{path}"


def qr_code(url):
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def kit_sections(consultation):
    """The sections of the version commented on, in their order."""
    version = current_version(consultation)
    return list(version.sections.all()) if version else []


def render_notice_pdf(consultation_meeting) -> bytes:
    """The board notice of one meeting as PDF bytes, in Bulgarian."""
    consultation = consultation_meeting.consultation
    url = consultation_url(consultation)
    return render_pdf(
        "consultations/kit/pdf/notice.html",
        {
            "consultation": consultation,
            "meeting": consultation_meeting.meeting,
            "url": url,
            "qr": qr_code(url),
            "lang": "bg",
        },
    )


def render_summary_pdf(consultation) -> bytes:
    """The large-print summary of the consultation as PDF bytes, in Bulgarian."""
    return render_pdf(
        "consultations/kit/pdf/summary.html",
        {
            "consultation": consultation,
            "sections": kit_sections(consultation),
            "meetings": consultation.consultation_meetings.select_related("meeting").exclude(
                meeting__status__in=[Meeting.Status.DRAFT, Meeting.Status.CANCELLED]
            ),
            "url": consultation_url(consultation),
            "large_print_pt": LARGE_PRINT_PT,
            "lang": "bg",
        },
    )


def render_form_pdf(consultation) -> bytes:
    """The paper comment form of the consultation as PDF bytes, in Bulgarian."""
    return render_pdf(
        "consultations/kit/pdf/form.html",
        {
            "consultation": consultation,
            "sections": kit_sections(consultation),
            "lines": range(WRITING_LINES),
            "url": consultation_url(consultation),
            "lang": "bg",
        },
    )
