"""The paper fieldwork sheet of a round for one settlement (a document kind registered in
``apps.py``, its source a ``Sheet``): every criterion scored there, with boxes to tick, lines for
the finding and the date, and a QR code that opens the criterion's page on a phone."""

import segno
from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation

from ivanovo_portal.documents.pdf import render_pdf

from .models import Criterion, ScalePoint, Sheet

SHEET_KIND = "monitoring.sheet"
# Lines to write the finding on.
FINDING_LINES = 4


def sheet_for(round_, settlement):
    """The sheet row of ``round_`` for ``settlement``, made the first time it is asked for."""
    return Sheet.objects.get_or_create(round=round_, settlement=settlement)[0]


def criteria_for(round_, settlement):
    """The criteria of the round's version scored for ``settlement``, with their scales."""
    criteria = (
        Criterion.objects.filter(area__version=round_.version_id)
        .select_related("area")
        .prefetch_related(Prefetch("scale", queryset=ScalePoint.objects.order_by("value")))
    )
    return [criterion for criterion in criteria if criterion.applies_to(settlement)]


def criterion_url(round_, criterion):
    """The absolute address of the criterion's page for monitors, printed as a QR code."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("monitoring:work_criterion", args=[round_.slug, criterion.code])
    return f"{settings.PORTAL_URL}{path}"


def render_sheet_pdf(sheet) -> bytes:
    """The printable fieldwork sheet as PDF bytes, in Bulgarian."""
    round_ = sheet.round
    criteria = criteria_for(round_, sheet.settlement)
    for criterion in criteria:
        url = criterion_url(round_, criterion)
        criterion.qr = segno.make(url, error="m").svg_data_uri(scale=3, border=2)
        criterion.url = url
    return render_pdf(
        "monitoring/work/pdf/sheet.html",
        {
            "sheet": sheet,
            "round": round_,
            "settlement": sheet.settlement,
            "criteria": criteria,
            "finding_lines": range(FINDING_LINES),
            "lang": "bg",
        },
    )
