"""The charts of a question's results and their text alternatives; the drawing is the kernel's
(``ivanovo_portal.charts``)."""

from django.utils.translation import ngettext

from ivanovo_portal.charts import WITHHELD, bar_chart, percent_text, stacked_chart


def _figure(row):
    """A row's share as read out, or that it is withheld."""
    if row.count is None:
        return f"{row.label} {WITHHELD}"
    if row.percent is None:
        return f"{row.label} {row.count}"
    return f"{row.label} {percent_text(row.percent)}"


def describe(result):
    """The chart's text alternative: "Q8: 40 respondents; Добре 45%, …"."""
    if result.answered is None:
        who = str(WITHHELD)
    else:
        who = ngettext("%(count)d respondent", "%(count)d respondents", result.answered) % {
            "count": result.answered
        }
    if result.is_matrix:
        figures = [
            f"{row.label}: " + ", ".join(_figure(c) for c in row.cells if c.count != 0)
            for row in result.matrix
        ]
    else:
        figures = [_figure(row) for row in result.rows if row.count != 0]
    return f"{result.code}: {who}; {'; '.join(figures)}" if figures else f"{result.code}: {who}"


def chart_for(result):
    """The chart that fits the question's kind, or an empty string for texts and dates."""
    if result.is_matrix:
        if not result.matrix:
            return ""
        return stacked_chart(
            result.matrix, result.columns, title=result.question.text, description=describe(result)
        )
    if result.is_text or not result.rows:
        return ""
    return bar_chart(result.rows, title=result.question.text, description=describe(result))
