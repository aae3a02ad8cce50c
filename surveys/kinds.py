"""The one table of question kinds: what a question of each kind is built from, how it is answered,
stored, counted and exported. The modules that build, answer, count and export questions read it
rather than testing a question's kind, and so do the templates (through ``Question.spec``), so
that a new kind is a line here (and its model choice).

Where a kind behaves like another (a rating scale is answered like a single choice, counted like
one, exported as its points), it names the same shape, and each module has one piece of code per
shape: ``field`` (``forms.question_fields``; the printed form's part, ``paper_template``) and
``tally`` (``results.figures``).
"""

from dataclasses import dataclass
from decimal import Decimal

from .models import Question

Kind = Question.Kind


@dataclass(frozen=True)
class QuestionKind:
    """How the app treats the questions of one kind."""

    options: bool = False  # answered by picking among the question's options
    typed_options: bool = False  # staff type the options in (yes/no brings its own)
    points: bool = False  # each option carries a number: means and medians (a scale, a matrix)
    many: bool = False  # several options may be ticked: a column per option in exports
    rows: bool = False  # an answer per row (a matrix): a column per row in exports
    other: bool = False  # may offer “other, please specify”
    select: bool = False  # may be shown as a drop-down list
    bounds: bool = False  # a number that may have a smallest and a largest value
    column: str = ""  # the ``Answer`` field an answer that is no option is stored in
    field: str = ""  # the answering field's shape (``forms.question_fields.FIELDS``)
    tally: str = ""  # how the results count it (``results.figures.TALLIES``); "" lists no rows
    fixed_options: tuple = ()  # the options every question of the kind has, (code, label, value)

    @property
    def selectable(self):
        """One option or a set of ticked options per respondent: usable in a later question's
        condition and as a filter of the results."""
        return self.options and not self.rows

    @property
    def spread(self):
        """Several answer rows per respondent: the respondents are counted apart."""
        return self.many or self.rows

    @property
    def text(self):
        return self.column == "text"

    @property
    def numeric(self):
        """Answers carry numbers: mean, median and extremes are worked out."""
        return self.points or self.column == "number"

    @property
    def dated(self):
        return self.column == "date"

    @property
    def paper_template(self):
        """Its part of the printed form: a grid of boxes, a row of them, boxes to tick, or what
        its answering field's shape asks for (``surveys/paper/_<field>.html``)."""
        if self.rows:
            part = "matrix"
        elif self.points:
            part = "scale"
        elif self.options:
            part = "boxes"
        else:
            part = self.field
        return f"surveys/paper/_{part}.html"


YES_NO_OPTIONS = (("yes", "Да", Decimal(1)), ("no", "Не", Decimal(0)))

KINDS = {
    Kind.SINGLE: QuestionKind(
        options=True, typed_options=True, other=True, select=True, field="one", tally="options"
    ),
    Kind.MULTIPLE: QuestionKind(
        options=True, typed_options=True, many=True, other=True, field="many", tally="options"
    ),
    Kind.SCALE: QuestionKind(
        options=True, typed_options=True, points=True, field="points", tally="options"
    ),
    Kind.MATRIX: QuestionKind(
        options=True, typed_options=True, points=True, rows=True, field="points", tally="matrix"
    ),
    Kind.YES_NO: QuestionKind(
        options=True, select=True, field="one", tally="options", fixed_options=YES_NO_OPTIONS
    ),
    Kind.SHORT_TEXT: QuestionKind(column="text", field="short_text"),
    Kind.LONG_TEXT: QuestionKind(column="text", field="long_text"),
    Kind.NUMBER: QuestionKind(bounds=True, column="number", field="number", tally="values"),
    Kind.SETTLEMENT: QuestionKind(column="settlement_id", field="settlement", tally="settlements"),
    Kind.DATE: QuestionKind(column="date", field="date"),
}


def kind_of(question):
    """The ``QuestionKind`` of a question (or of a kind's value)."""
    return KINDS[getattr(question, "kind", question)]


def kinds_where(test):
    """The kinds' values for which ``test(QuestionKind)`` holds, as a set for queries."""
    return {kind for kind, spec in KINDS.items() if test(spec)}
