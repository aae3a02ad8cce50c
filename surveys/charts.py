"""Server-side SVG charts: the same markup in the page and in the PDF (WeasyPrint draws inline SVG).

Every chart has ``role="img"`` with a ``<title>`` and a ``<desc>`` that reads the figures out, and
the page always shows a data table beside it. Only SVG presentation attributes are used (the CSP
forbids ``style``); bar colours have at least 3:1 contrast against white, text at least 4.5:1.
"""

import hashlib

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from .models import Question

# Drawn at 480 px and scaled down to fit a phone (Bootstrap's img-fluid), so text stays legible.
WIDTH = 480
LABEL_SIZE = 16
ROW_HEIGHT = 50
BAR_HEIGHT = 18
BAR_WIDTH = 340
TEXT = "#212529"
BAR = "#0b5cad"
TRACK = "#e9ecef"
# From "worst" to "best" for scales: red, orange, grey, blue, dark blue; then more hues.
SCALE_COLOURS = ["#b2182b", "#e66101", "#767676", "#2b83ba", "#1e40af"]
MORE_COLOURS = ["#6d28d9", "#0f766e", "#9a3412", "#be185d", "#4d7c0f"]


LABEL_CHARACTERS = 46


def _label(text):
    """The label as drawn: cut to fit the drawing (the table beside the chart has it whole)."""
    text = str(text)
    short = text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1].rstrip() + "…"
    return escape(short)


def percent_text(percent):
    places = 0 if float(percent).is_integer() else 1
    return f"{number_format(percent, places)}%"


def _ids(title, description):
    key = hashlib.sha1(f"{title}\n{description}".encode()).hexdigest()[:10]
    return f"chart-{key}-title", f"chart-{key}-desc"


def _svg(height, title, description, body):
    title_id, desc_id = _ids(title, description)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="survey-chart img-fluid" role="img" '
        'aria-labelledby="{} {}" viewBox="0 0 {} {}" width="{}" height="{}" '
        'preserveAspectRatio="xMinYMin meet" font-family="DejaVu Sans, Arial, sans-serif" '
        'font-size="{}" fill="{}"><title id="{}">{}</title><desc id="{}">{}</desc>{}</svg>',
        title_id,
        desc_id,
        WIDTH,
        height,
        WIDTH,
        height,
        LABEL_SIZE,
        TEXT,
        title_id,
        title,
        desc_id,
        description,
        mark_safe(body),  # built below from escaped parts only
    )


def bar_chart(rows, *, title, description):
    """Horizontal bars, one per row (``label``, ``count``, ``percent``), each with its label above
    and "count (percent)" at its end; bar length follows the count."""
    largest = max((row.count for row in rows), default=0) or 1
    parts = []
    for index, row in enumerate(rows):
        top = 8 + index * ROW_HEIGHT
        length = round(BAR_WIDTH * row.count / largest, 1)
        parts.append(
            f'<text x="0" y="{top + LABEL_SIZE}">{_label(row.label)}</text>'
            f'<rect x="0" y="{top + 24}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" fill="{TRACK}"/>'
            f'<rect x="0" y="{top + 24}" width="{length}" height="{BAR_HEIGHT}" fill="{BAR}"/>'
            f'<text x="{BAR_WIDTH + 8}" y="{top + 39}">{row.count} '
            f"({escape(percent_text(row.percent))})</text>"
        )
    return _svg(16 + len(rows) * ROW_HEIGHT, title, description, "".join(parts))


def scale_colours(count):
    """``count`` colours in scale order: spread over the red-to-blue scale, then other hues."""
    if count <= len(SCALE_COLOURS):
        if count == 1:
            return SCALE_COLOURS[-1:]
        step = (len(SCALE_COLOURS) - 1) / (count - 1)
        return [SCALE_COLOURS[round(i * step)] for i in range(count)]
    extra = MORE_COLOURS * (1 + count // len(MORE_COLOURS))
    return SCALE_COLOURS + extra[: count - len(SCALE_COLOURS)]


def stacked_chart(matrix_rows, columns, *, title, description):
    """One bar of 100% per matrix row, split by scale point, and a legend of the scale points."""
    colours = scale_colours(len(columns))
    parts = []
    for index, row in enumerate(matrix_rows):
        top = 8 + index * ROW_HEIGHT
        parts.append(
            f'<text x="0" y="{top + LABEL_SIZE}">{_label(row.label)}</text>'
            f'<rect x="0" y="{top + 24}" width="{WIDTH - 2}" height="{BAR_HEIGHT}" fill="{TRACK}"/>'
        )
        left = 0.0
        for cell, colour in zip(row.cells, colours, strict=False):
            width = round((WIDTH - 2) * cell.percent / 100, 1)
            if width <= 0:
                continue
            parts.append(
                f'<rect x="{round(left, 1)}" y="{top + 24}" width="{width}" height="{BAR_HEIGHT}" '
                f'fill="{colour}" stroke="#ffffff" stroke-width="1">'
                f"<title>{escape(cell.label)}: {cell.count} "
                f"({escape(percent_text(cell.percent))})</title></rect>"
            )
            left += width
    legend_top = 16 + len(matrix_rows) * ROW_HEIGHT
    for index, (column, colour) in enumerate(zip(columns, colours, strict=False)):
        y = legend_top + index * 24
        parts.append(
            f'<rect x="0" y="{y}" width="16" height="16" fill="{colour}"/>'
            f'<text x="24" y="{y + 14}">{_label(column.label)}</text>'
        )
    height = legend_top + len(columns) * 24 + 4
    return _svg(height, title, description, "".join(parts))


def describe(result):
    """The chart's text alternative: "Q8: 40 respondents; Добре 45%, …"."""
    who = ngettext("%(count)d respondent", "%(count)d respondents", result.answered) % {
        "count": result.answered
    }
    if result.is_matrix:
        figures = [
            f"{row.label}: "
            + ", ".join(f"{c.label} {percent_text(c.percent)}" for c in row.cells if c.count)
            for row in result.matrix
        ]
    else:
        figures = [f"{row.label} {percent_text(row.percent)}" for row in result.rows if row.count]
    return f"{result.code}: {who}; {'; '.join(figures)}" if figures else f"{result.code}: {who}"


def chart_for(result):
    """The chart that fits the question's kind, or an empty string for texts and dates."""
    if result.is_matrix:
        if not result.matrix:
            return ""
        return stacked_chart(
            result.matrix, result.columns, title=result.question.text, description=describe(result)
        )
    if result.kind in Question.TEXT_KINDS or not result.rows:
        return ""
    return bar_chart(result.rows, title=result.question.text, description=describe(result))
