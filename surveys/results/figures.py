"""The results of questionnaires as pages, documents and open data show them: a ``QuestionResult``
per question, built from what ``counting`` counted in the database.

``results_for`` runs a fixed number of queries, however many responses and questions there are:
the questions (with their options and matrix rows), the settlements, and the counts (see
``counting``). Mean, median, extremes and the dates' range are worked out from the grouped
counts, so over distinct values, not answers.
"""

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from ivanovo_portal.places.models import Settlement

from ..kinds import kind_of
from ..models import Channel, Question
from .charts import chart_for
from .counting import NO_FILTERS, ResultFilters, as_list, count_answers, pk_of
from .numbers import plain_number, statistics_of

# A number question with more distinct values than this is shown in ranges.
MAX_VALUE_BARS = 12
NUMBER_BINS = 8


@dataclass
class Row:
    """One bar of a chart and one line of its table."""

    label: str
    count: int
    percent: float
    code: str = ""


@dataclass
class MatrixRowResult:
    label: str
    code: str
    answered: int
    cells: list  # a Row per scale point, in the order of the question's options
    mean: Decimal | None = None
    median: Decimal | None = None


@dataclass
class QuestionResult:
    """The figures for one question; which fields are filled depends on its kind."""

    question: Question
    answered: int = 0
    rows: list = field(default_factory=list)
    other_count: int = 0
    other_texts: list = field(default_factory=list)
    mean: Decimal | None = None
    median: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    columns: list = field(default_factory=list)
    matrix: list = field(default_factory=list)
    latest_texts: list = field(default_factory=list)
    first_date: date | None = None
    last_date: date | None = None

    @property
    def kind(self):
        return self.question.kind

    @property
    def code(self):
        return self.question.code

    @property
    def is_text(self):
        return kind_of(self.question).text

    @property
    def has_free_text(self):
        """Respondents write words to it: an open question, or a choice with “other”."""
        return self.is_text or self.question.allow_other

    @property
    def is_matrix(self):
        return kind_of(self.question).rows

    @property
    def has_statistics(self):
        """A mean, median and extremes of its own (a matrix has them per row)."""
        return kind_of(self.question).numeric and not self.is_matrix

    @property
    def has_stats(self):
        return self.has_statistics and self.mean is not None

    @property
    def percents_may_exceed_100(self):
        return kind_of(self.question).many

    @cached_property
    def chart(self):
        """The SVG chart for this question (empty for texts and dates)."""
        return chart_for(self)

    def row(self, code):
        """The row of an option (or settlement slug) by its code, for tests and reports."""
        return next(row for row in self.rows if row.code == code)


@dataclass
class Results:
    questionnaires: list
    filters: ResultFilters
    respondents: int
    by_channel: list
    by_settlement: list
    questions: list

    def __iter__(self):
        return iter(self.questions)

    def __getitem__(self, code):
        """The result of the question with this code (``KeyError`` when there is none)."""
        for result in self.questions:
            if result.code == code:
                return result
        raise KeyError(code)


def ordered_questions(questionnaires, only=None):
    """The questions of ``questionnaires`` in the order respondents see them, with their options
    and matrix rows (three queries). ``only``: the questions (or primary keys) to keep."""
    questions = (
        Question.objects.filter(section__questionnaire__in=[pk_of(q) for q in questionnaires])
        .select_related("section__questionnaire")
        # Each question's row would carry its questionnaire's frozen figures (large) again.
        .defer("section__questionnaire__public_figures")
        .prefetch_related("choices", "rows")
        .order_by("section__questionnaire_id", "section__position", "section_id", "position", "pk")
    )
    if only is not None:
        questions = questions.filter(pk__in=[pk_of(q) for q in only])
    return list(questions)


def percent(count, total):
    return round(count * 100 / total, 1) if total else 0.0


def _decimal(value):
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _summary(groups, settlements):
    by_channel, by_settlement, total = defaultdict(int), defaultdict(int), 0
    for channel, settlement_id, n in groups:
        by_channel[channel] += n
        by_settlement[settlement_id] += n
        total += n
    channels = [
        Row(label, by_channel[value], percent(by_channel[value], total), value)
        for value, label in Channel.choices
    ]
    places = [
        Row(s.display_name, by_settlement[s.pk], percent(by_settlement[s.pk], total), s.slug)
        for s in settlements
    ]
    if by_settlement[None]:
        places.append(Row(_("Not given"), by_settlement[None], percent(by_settlement[None], total)))
    return total, channels, places


def _value_rows(distribution, answered):
    """Bars for a number question: one per value, or ranges of equal width when there are many."""
    values = sorted(distribution)
    if len(values) <= MAX_VALUE_BARS:
        return [
            Row(plain_number(v), distribution[v], percent(distribution[v], answered))
            for v in values
        ]
    low, high = values[0], values[-1]
    integral = all(v == v.to_integral_value() for v in values)
    width = Decimal(math.ceil((high - low + (1 if integral else 0)) / NUMBER_BINS)) or Decimal(1)
    bins = defaultdict(int)
    for value in values:
        bins[int((value - low) // width)] += distribution[value]
    rows = []
    for index in range(int((high - low) // width) + 1):
        start = low + index * width
        end = start + width - 1 if integral else start + width
        label = f"{plain_number(start)}–{plain_number(end)}"
        rows.append(Row(label, bins[index], percent(bins[index], answered)))
    return rows


def _band_rows(distribution, edges, answered):
    """Bars for a number question in the bands that start at ``edges``: "up to …" and "… or
    more" at the ends, so that neither the smallest nor the largest value is shown."""
    if not edges:
        return []
    integral = all(v == v.to_integral_value() for v in [*distribution, *edges])
    counts = [0] * len(edges)
    for value, n in distribution.items():
        counts[max(0, bisect.bisect_right(edges, value) - 1)] += n
    rows = []
    for index, n in enumerate(counts):
        if len(edges) == 1:
            label = _("All answers")
        elif index == len(edges) - 1:
            label = _("%(start)s or more") % {"start": plain_number(edges[index])}
        else:
            end = edges[index + 1]
            bound = {"end": plain_number(end - 1 if integral else end)}
            if index == 0:
                label = (_("up to %(end)s") if integral else _("under %(end)s")) % bound
            else:
                bound["start"] = plain_number(edges[index])
                label = (
                    _("%(start)s–%(end)s") if integral else _("%(start)s to under %(end)s")
                ) % bound
        rows.append(Row(label, n, percent(n, answered)))
    return rows


def results_for(questionnaires, filters=NO_FILTERS, *, questions=None, loaded=None, texts=True):
    """The results of ``questionnaires`` for the responses ``filters`` keeps: a ``QuestionResult``
    per question in order, in a fixed number of queries. ``questions`` limits them; ``loaded`` is
    the list ``ordered_questions`` already returned, to save loading it twice. Without ``texts``,
    what respondents wrote is left out (and not read): for pages and documents that never show
    it."""
    questionnaires = as_list(questionnaires)
    question_list = (
        loaded if loaded is not None else ordered_questions(questionnaires, only=questions)
    )
    figures = count_answers(questionnaires, question_list, filters, texts=texts)
    return results_from(figures, questionnaires, question_list, filters)


def results_from(
    figures, questionnaires, question_list, filters=NO_FILTERS, *, bands=None, settlements=None
):
    """The ``Results`` that ``figures`` give for ``question_list``, in its order (loads the
    settlements, one query, unless given). ``bands``: ``{question id: band_edges(…)}`` shows those
    number questions in bands rather than by value."""
    if settlements is None:
        settlements = list(Settlement.objects.all())
    respondents, by_channel, by_settlement = _summary(figures.summary, settlements)
    results = Results(as_list(questionnaires), filters, respondents, by_channel, by_settlement, [])
    for question in question_list:
        counts = figures.counts.get(question.pk, {})
        if kind_of(question).spread:
            answered = figures.answered.get(question.pk, 0)
        else:
            answered = sum(counts.values())
        result = QuestionResult(question, answered=answered)
        edges = (bands or {}).get(question.pk)
        _fill(result, counts, _question_statistics(question, counts), settlements, edges)
        result.other_texts = [
            Row(text, n, percent(n, result.other_count))
            for text, n in figures.others.get(question.pk, [])
        ]
        result.latest_texts = figures.latest.get(question.pk, [])
        results.questions.append(result)
    return results


def _question_statistics(question, counts):
    """``{matrix row id, or None: statistics}``: mean, median and extremes of a number, scale or
    matrix row, the first and last of a date question. Worked out from the groups the database
    counted, so over distinct values rather than answers."""
    kind = kind_of(question)
    if kind.dated:
        dates = [day for (_row, _choice, _place, _number, day) in counts if day is not None]
        return {None: {"first": min(dates), "last": max(dates)}} if dates else {}
    if not kind.numeric:
        return {}
    distributions = defaultdict(lambda: defaultdict(int))
    for (row_id, _choice, _place, number, _date), n in counts.items():
        if number is not None:
            distributions[row_id][number] += n
    return {row_id: statistics_of(distribution) for row_id, distribution in distributions.items()}


def _fill(result, counts, stats, settlements, edges=None):
    own = stats.get(None, {})
    result.mean, result.minimum, result.maximum = (
        _decimal(own.get("mean")),
        _decimal(own.get("low")),
        _decimal(own.get("high")),
    )
    result.median = _decimal(own.get("median"))
    result.first_date, result.last_date = own.get("first"), own.get("last")
    tally = kind_of(result.question).tally
    if tally:
        TALLIES[tally](result, counts, stats, settlements, edges)


def _tally_matrix(result, counts, stats, settlements, edges):
    """A row of bars per matrix row, one bar per point, each with its mean and median."""
    question = result.question
    result.columns = list(question.choices.all())
    for matrix_row in question.rows.all():
        by_choice = defaultdict(int)
        for (row_id, choice_id, _place, _number, _date), n in counts.items():
            if row_id == matrix_row.pk:
                by_choice[choice_id] += n
        row_total = sum(by_choice.values())
        row_stats = stats.get(matrix_row.pk, {})
        result.matrix.append(
            MatrixRowResult(
                matrix_row.label,
                matrix_row.code,
                row_total,
                [
                    Row(
                        c.label,
                        by_choice.get(c.pk, 0),
                        percent(by_choice.get(c.pk, 0), row_total),
                        c.code,
                    )
                    for c in result.columns
                ],
                mean=_decimal(row_stats.get("mean")),
                median=_decimal(row_stats.get("median")),
            )
        )


def _tally_options(result, counts, stats, settlements, edges):
    """A bar per option, and one for “other” where it was offered or given."""
    question, total = result.question, result.answered
    by_choice = defaultdict(int)
    for (_row, choice_id, _place, _number, _date), n in counts.items():
        by_choice[choice_id] += n
    result.rows = [
        Row(c.label, by_choice.get(c.pk, 0), percent(by_choice.get(c.pk, 0), total), c.code)
        for c in question.choices.all()
    ]
    result.other_count = by_choice.get(None, 0)
    if question.allow_other or result.other_count:
        result.rows.append(
            Row(_("Other"), result.other_count, percent(result.other_count, total), "other")
        )


def _tally_settlements(result, counts, stats, settlements, edges):
    """A bar per settlement, in their official order."""
    by_place = defaultdict(int)
    for (_row, _choice, place, _number, _date), n in counts.items():
        by_place[place] += n
    result.rows = [
        Row(
            s.display_name,
            by_place.get(s.pk, 0),
            percent(by_place.get(s.pk, 0), result.answered),
            s.slug,
        )
        for s in settlements
    ]


def _tally_values(result, counts, stats, settlements, edges):
    """A bar per number given, or per range of them, or per band (``edges``)."""
    distribution = defaultdict(int)
    for (_row, _choice, _place, number, _date), n in counts.items():
        if number is not None:
            distribution[number] += n
    if edges is None:
        result.rows = _value_rows(distribution, result.answered)
    else:
        result.rows = _band_rows(distribution, edges, result.answered)


# How the results count each shape a kind names (``kinds.QuestionKind.tally``).
TALLIES = {
    "matrix": _tally_matrix,
    "options": _tally_options,
    "settlements": _tally_settlements,
    "values": _tally_values,
}
