"""Server-side SVG charts: the same markup in the page and in the PDF (WeasyPrint draws inline SVG).

Every chart has ``role="img"`` with a ``<title>`` and a ``<desc>`` that reads the figures out, and
the page always shows a data table beside it. Only SVG presentation attributes are used (the CSP
forbids ``style``); bar colours have at least 3:1 contrast against white, text at least 4.5:1.
"""

import hashlib

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext_lazy

# Drawn no wider than a 375 px phone's page (351 px inside its margins), and shown at most at the
# drawn size (Bootstrap's img-fluid only shrinks it), so that labels are read at their size there:
# drawn at 480 px, a phone showed the 16 px labels at 12 px.
WIDTH = 320
LABEL_SIZE = 16
LINE_HEIGHT = 20
BAR_HEIGHT = 18
BAR_WIDTH = 190  # leaves room at the bar's end for "130 (100%)"
TEXT = "#212529"
BAR = "#0b5cad"
TRACK = "#e9ecef"
# From "worst" to "best" for scales: red, orange, grey, blue, dark blue; then more hues.
SCALE_COLOURS = ["#b2182b", "#e66101", "#767676", "#2b83ba", "#1e40af"]
MORE_COLOURS = ["#6d28d9", "#0f766e", "#9a3412", "#be185d", "#4d7c0f"]


# A label's line holds what fits the drawing's width (a glyph is at most some 0.6 em wide); a
# label runs to ``LABEL_LINES`` lines, and the table of figures has it whole.
LINE_CHARACTERS = 32
LABEL_LINES = 3
# What a chart says of a figure withheld from the public (see ivanovo_portal.disclosure), and of
# one there is nothing yet to compute from.
WITHHELD = pgettext_lazy("a figure", "withheld")
NO_FIGURE = pgettext_lazy("a figure", "not scored yet")


def label_lines(text):
    """The label as drawn: broken between words into lines that fit the drawing, the last one
    cut short with "…" when the label runs longer."""
    lines, line = [], ""
    for word in str(text).split():
        while len(word) > LINE_CHARACTERS:  # a word longer than a line is broken anywhere
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:LINE_CHARACTERS])
            word = word[LINE_CHARACTERS:]
        if line and len(line) + 1 + len(word) > LINE_CHARACTERS:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line or not lines:
        lines.append(line)
    if len(lines) > LABEL_LINES:
        last = lines[LABEL_LINES - 1][: LINE_CHARACTERS - 1].rstrip()
        lines = [*lines[: LABEL_LINES - 1], f"{last}…"]
    return lines


def _label(text, x, top):
    """The label's lines as SVG text, the first line's baseline ``LABEL_SIZE`` below ``top``;
    (markup, height taken)."""
    lines = label_lines(text)
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if index == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f'<text y="{top + LABEL_SIZE}">{spans}</text>', len(lines) * LINE_HEIGHT


def percent_text(percent):
    places = 0 if float(percent).is_integer() else 1
    return f"{number_format(percent, places)}%"


def _ids(title, description):
    key = hashlib.sha1(f"{title}\n{description}".encode()).hexdigest()[:10]
    return f"chart-{key}-title", f"chart-{key}-desc"


def _svg(height, title, description, body):
    title_id, desc_id = _ids(title, description)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart img-fluid" role="img" '
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


def _labelled_track(text, top, width):
    """A row's label at ``top`` and below it the grey track of its bar: the markup, where the bar
    starts and where the next row starts."""
    label, label_height = _label(text, 0, top)
    bar_top = top + label_height + 4
    track = f'<rect x="0" y="{bar_top}" width="{width}" height="{BAR_HEIGHT}" fill="{TRACK}"/>'
    return label + track, bar_top, bar_top + BAR_HEIGHT + 8


def _bars(rows, *, length, figure, title, description):
    """Horizontal bars, one per row, each with its label above and its figure at its end: the
    bar ``length(row)`` long (none when None), the figure ``figure(row)``."""
    parts = []
    top = 8
    for row in rows:
        track, bar_top, top = _labelled_track(row.label, top, BAR_WIDTH)
        parts.append(track)
        bar = length(row)
        if bar is not None:
            parts.append(
                f'<rect x="0" y="{bar_top}" width="{bar}" height="{BAR_HEIGHT}" fill="{BAR}"/>'
            )
        parts.append(f'<text x="{BAR_WIDTH + 8}" y="{bar_top + 15}">{escape(figure(row))}</text>')
    return _svg(top, title, description, "".join(parts))


def bar_chart(rows, *, title, description):
    """Horizontal bars, one per row (``label``, ``count``, ``percent``), each with its label above
    and "count (percent)" at its end; bar length follows the count."""
    largest = max((row.count or 0 for row in rows), default=0) or 1

    def length(row):
        if row.count is None:  # withheld from the public: no bar, and the word for it
            return None
        return round(BAR_WIDTH * row.count / largest, 1)

    def figure(row):
        if row.count is None:
            return WITHHELD
        if row.percent is None:
            return f"{row.count}"
        return f"{row.count} ({percent_text(row.percent)})"

    return _bars(rows, length=length, figure=figure, title=title, description=description)


def percent_chart(rows, *, title, description):
    """Horizontal bars, one per row (``label``, ``percent`` out of 100, or None when there is
    nothing to compute it from), each with its label above and the percent at its end."""

    def length(row):
        return None if row.percent is None else round(BAR_WIDTH * float(row.percent) / 100, 1)

    def figure(row):
        return NO_FIGURE if row.percent is None else percent_text(row.percent)

    return _bars(rows, length=length, figure=figure, title=title, description=description)


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
    top = 8
    for row in matrix_rows:
        track, bar_top, top = _labelled_track(row.label, top, WIDTH - 2)
        parts.append(track)
        left = 0.0
        for cell, colour in zip(row.cells, colours, strict=False):
            if cell.percent is None:  # withheld from the public
                continue
            width = round((WIDTH - 2) * cell.percent / 100, 1)
            if width <= 0:
                continue
            parts.append(
                f'<rect x="{round(left, 1)}" y="{bar_top}" width="{width}" height="{BAR_HEIGHT}" '
                f'fill="{colour}" stroke="#ffffff" stroke-width="1">'
                f"<title>{escape(cell.label)}: {cell.count} "
                f"({escape(percent_text(cell.percent))})</title></rect>"
            )
            left += width
    top += 8
    for column, colour in zip(columns, colours, strict=False):
        label, label_height = _label(column.label, 24, top - 2)
        parts.append(f'<rect x="0" y="{top}" width="16" height="16" fill="{colour}"/>{label}')
        top += max(24, label_height + 4)
    return _svg(top + 4, title, description, "".join(parts))
