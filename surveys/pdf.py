"""The surveys' documents (their kinds, registered in ``apps.py``) and their pure renderers: the
questionnaire on paper, invitation slips, the analysis report."""

import base64

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import urlencode

from ivanovo_portal.documents.pdf import render_pdf

from . import selectors
from .forms.question_items import condition_text
from .models import Questionnaire
from .results.charts import describe
from .results.reports import report_content

PAPER_FORM_KIND = "surveys.paper_form"
INVITATION_SLIPS_KIND = "surveys.invitation_slips"
REPORT_KIND = "surveys.report"

# The questionnaire on paper, for residents who answer without a computer; staff type the
# filled-in forms back in on the data-entry page.

# Lines to write on for a long answer; boxes for the digits of a number.
LONG_TEXT_LINES = 5
NUMBER_BOXES = 6


def paper_form_is_public(questionnaire):
    """Anyone may print a questionnaire that has been published."""
    return questionnaire.status != Questionnaire.Status.DRAFT


def render_paper_form_pdf(questionnaire) -> bytes:
    """The printable form of ``questionnaire`` as PDF bytes, in Bulgarian."""
    sections = selectors.load_sections(questionnaire)
    with translation.override("bg"):
        for section in sections:
            for question in section.question_list:
                question.condition_words = condition_text(question)
        settlements = [name for _pk, name in selectors.settlement_choices()]
    return render_pdf(
        "surveys/paper/form.html",
        {
            "questionnaire": questionnaire,
            "sections": sections,
            "settlements": settlements,
            "long_lines": range(LONG_TEXT_LINES),
            "number_boxes": range(NUMBER_BOXES),
            "lang": "bg",
        },
    )


# Invitation slips: cut-out slips, each with a single-use code and a QR code that opens the
# questionnaire with the code filled in.


def answer_url(questionnaire, code=""):
    """The address a slip sends its holder to, with the code filled in."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("surveys:detail", args=[questionnaire.slug])
    query = f"?{urlencode({'code': code})}" if code else ""
    return f"{settings.PORTAL_URL}{path}{query}"


def qr_data_uri(url):
    """A QR code of ``url`` as an SVG data URI, drawn in black on white for any printer."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def render_invitation_slips_pdf(batch) -> bytes:
    """Slips for the unused codes of ``batch``, ten to an A4 page: codes used since the batch
    was made are left out, and no other batch's codes are printed again."""
    questionnaire = batch.questionnaire
    codes = batch.codes.filter(used_on__isnull=True).order_by("code")
    slips = [
        {
            "display_code": f"{invitation.code[:4]}-{invitation.code[4:]}",
            "qr": qr_data_uri(answer_url(questionnaire, invitation.code)),
        }
        for invitation in codes
    ]
    return render_pdf(
        "surveys/paper/invitation_slips.html",
        {
            "questionnaire": questionnaire,
            "batch": batch,
            "slips": slips,
            "url": answer_url(questionnaire),
            "lang": "bg",
        },
    )


# The analysis report


def render_report_pdf(report) -> bytes:
    """The report as PDF bytes, in Bulgarian: the same content as its page."""
    content = report_content(report)
    with translation.override("bg"):
        for item in content.items:
            item.result.chart = _as_image(item.result.chart, alt=describe(item.result))
    return render_pdf("surveys/reports/pdf/report.html", {"content": content})


def _as_image(svg, *, alt):
    """An inline SVG chart as an ``<img>`` of the same SVG, with the chart's text alternative.
    WeasyPrint draws both alike, but runs the CSS cascade over every node of an inline SVG: for a
    report of 30 charts that is a third of the rendering time."""
    if not svg:
        return svg
    data = base64.b64encode(str(svg).encode()).decode()
    return format_html(
        '<img class="survey-chart-img" alt="{}" src="data:image/svg+xml;base64,{}">', alt, data
    )
