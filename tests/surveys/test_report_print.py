"""The demo's analysis report as it prints: whole words in the tables' headers, and no heading left
at the foot of a page without what it introduces."""

import io
import re

import pytest
from pypdf import PdfReader

from surveys.models import AnalysisReport
from surveys.pdf import render_report_pdf

# A4 is 842 pt high; the running header takes the top 36 mm, the footer the bottom 26 mm.
BODY = (80, 740)


@pytest.fixture(scope="module")
def report_pages(demo_for_module):
    """The pages of the demo's citizens' report, rendered once for the module."""
    report = AnalysisReport.objects.get(slug="analiz-grazhdani-i-npo")
    return PdfReader(io.BytesIO(render_report_pdf(report))).pages


def fragments(page):
    """The page's body text as (height, order, bold, size in pt, text): the last line first,
    each line's pieces in the order they are read."""
    found = []

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and BODY[0] < y < BODY[1]:
            bold = "Bold" in (font or {}).get("/BaseFont", "")
            size = round(size * abs(tm[3] * cm[3]), 1)
            found.append((round(y), len(found), bold, size, text.strip()))

    page.extract_text(visitor_text=visit)
    return sorted(found)


def test_no_page_ends_with_a_heading_or_the_line_under_a_question(report_pages):
    for number, page in enumerate(report_pages, start=1):
        text = fragments(page)
        last_line = [f for f in text if f[0] == text[0][0]]
        words = " ".join(f[4] for f in last_line)
        assert not any(bold and size >= 11 for *_, bold, size, _ in last_line), (
            f"page {number} ends with the heading “{words}”"
        )
        assert not words.startswith("Отговорили са"), f"page {number} ends with “{words}”"


def test_table_headers_keep_their_words_whole(report_pages):
    headers = " ".join(
        text
        for page in report_pages
        for *_, bold, size, text in fragments(page)
        if bold and size == 8.5
    )

    for word in ("Задоволително", "Отговорили", "стойност", "Медиана"):
        assert re.search(rf"(^|\s){word}(\s|$)", headers), f"“{word}” is broken in a header"
