"""The monitoring report as a document (its kind registered in ``apps.py``, listed in
``/publications/`` once published) and its pure renderer."""

from django.utils import translation

from ivanovo_portal.documents.pdf import render_pdf

from .report_content import report_content

REPORT_KIND = "monitoring.report"


def render_report_pdf(report) -> bytes:
    """The report as PDF bytes, in Bulgarian: the same content as its page, with the approved
    recommendations only."""
    # The charts and the scorecard's labels are put into words as they are computed.
    with translation.override("bg"):
        content = report_content(report)
    return render_pdf("monitoring/reports/pdf/report.html", {"content": content})
