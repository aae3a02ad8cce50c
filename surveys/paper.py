"""The questionnaire on paper: a PDF with boxes to tick and lines to write on, for residents who
answer without a computer. Staff type the filled-in forms back in on the data-entry page."""

from django.utils import translation

from ivanovo_portal.documents.pdf import render_pdf

from .answering import condition_text, load_sections, settlement_choices
from .models import Questionnaire

PAPER_FORM_KIND = "surveys.paper_form"
# Lines to write on for a long answer; boxes for the digits of a number.
LONG_TEXT_LINES = 5
NUMBER_BOXES = 6


def paper_form_is_public(questionnaire):
    """Anyone may print a questionnaire that has been published."""
    return questionnaire.status != Questionnaire.Status.DRAFT


def render_paper_form_pdf(questionnaire) -> bytes:
    """The printable form of ``questionnaire`` as PDF bytes, in Bulgarian."""
    sections = load_sections(questionnaire)
    with translation.override("bg"):
        for section in sections:
            for question in section.question_list:
                question.condition_words = condition_text(question)
        settlements = [name for _pk, name in settlement_choices()]
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
