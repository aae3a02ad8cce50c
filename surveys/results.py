"""Reads for the results, progress and export pages: every count is a GROUP BY in the database.

``results_for`` runs a fixed number of queries, however many responses and questions there are:
the questions (with their options and matrix rows), the settlements, one summary of the
respondents, respondents per multiple-choice and matrix question (the only kinds with several
answer rows per respondent), one grouped count of the answers by option, settlement, number and
date (mean, median, extremes and the dates' range are worked out from its groups, so over distinct
values, not answers), and the most frequent "other" texts and the latest open answers.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.db import connection
from django.db.models import Count, F, Min, Window
from django.db.models.functions import Lower, RowNumber, Trim
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.places.models import Settlement

from .charts import chart_for
from .models import Answer, Channel, Question, Questionnaire, Quota, Response, TargetGroup

Kind = Question.Kind

LATEST_TEXTS = 5
# The most frequent "other, please specify" answers shown per question; all of them, with search,
# are on the staff's open answers page.
OTHER_TEXTS = 10
# A number question with more distinct values than this is shown in ranges.
MAX_VALUE_BARS = 12
NUMBER_BINS = 8
RESPONDENTS_TARGET = 110
# One answer row per respondent, except for a multiple choice (a row per ticked option) and a
# matrix (a row per matrix row): only those need their respondents counted apart.
SPREAD_KINDS = {Kind.MULTIPLE, Kind.MATRIX}


@dataclass(frozen=True)
class ResultFilters:
    """Which responses to count. Empty fields do not filter. ``answer_question`` with
    ``answer_choices`` keeps respondents whose answer to that question is one of those options
    (cross-tabulation by filtering); both take model instances or primary keys."""

    target_group: str | None = None
    settlements: tuple = ()
    channels: tuple = ()
    date_from: date | None = None
    date_to: date | None = None
    answer_question: object = None
    answer_choices: tuple = ()

    @property
    def active(self):
        return bool(
            self.target_group
            or self.settlements
            or self.channels
            or self.date_from
            or self.date_to
            or (self.answer_question and self.answer_choices)
        )


NO_FILTERS = ResultFilters()


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
        return self.kind in Question.TEXT_KINDS

    @property
    def has_free_text(self):
        """Respondents write words to it: an open question, or a choice with “other”."""
        return self.is_text or self.question.allow_other

    @property
    def is_matrix(self):
        return self.kind == Kind.MATRIX

    @property
    def has_stats(self):
        return self.kind in {Kind.SCALE, Kind.NUMBER} and self.mean is not None

    @property
    def percents_may_exceed_100(self):
        return self.kind == Kind.MULTIPLE

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


def _as_list(questionnaires):
    if isinstance(questionnaires, Questionnaire):
        return [questionnaires]
    return list(questionnaires)


def _pk(value):
    return getattr(value, "pk", value)


def responses_for(questionnaires, filters=NO_FILTERS):
    """The responses to ``questionnaires`` (one, or several) that ``filters`` keeps."""
    ids = [_pk(q) for q in _as_list(questionnaires)]
    responses = Response.objects.counted().filter(questionnaire_id__in=ids)
    if filters.target_group:
        responses = responses.filter(questionnaire__target_group=filters.target_group)
    if filters.settlements:
        responses = responses.filter(settlement_id__in=[_pk(s) for s in filters.settlements])
    if filters.channels:
        responses = responses.filter(channel__in=filters.channels)
    if filters.date_from:
        responses = responses.filter(submitted_at__date__gte=filters.date_from)
    if filters.date_to:
        responses = responses.filter(submitted_at__date__lte=filters.date_to)
    if filters.answer_question and filters.answer_choices:
        responses = responses.filter(
            pk__in=Answer.objects.filter(
                question_id=_pk(filters.answer_question),
                choice_id__in=[_pk(c) for c in filters.answer_choices],
            ).values("response_id")
        )
    return responses


def questions_of(questionnaires, only=None):
    """The questions of ``questionnaires`` in the order respondents see them, with their options
    and matrix rows (three queries). ``only``: the questions (or primary keys) to keep."""
    questions = (
        Question.objects.filter(section__questionnaire__in=[_pk(q) for q in questionnaires])
        .select_related("section__questionnaire")
        .prefetch_related("choices", "rows")
        .order_by("section__questionnaire_id", "section__position", "section_id", "position", "pk")
    )
    if only is not None:
        questions = questions.filter(pk__in=[_pk(q) for q in only])
    return list(questions)


def _percent(count, total):
    return round(count * 100 / total, 1) if total else 0.0


def _decimal(value):
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


def plain_number(value):
    """``Decimal("4.00")`` as ``"4"``, ``Decimal("2.50")`` as ``"2.5"``."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _summary(groups, settlements):
    by_channel, by_settlement, total = defaultdict(int), defaultdict(int), 0
    for channel, settlement_id, n in groups:
        by_channel[channel] += n
        by_settlement[settlement_id] += n
        total += n
    channels = [
        Row(label, by_channel[value], _percent(by_channel[value], total), value)
        for value, label in Channel.choices
    ]
    places = [
        Row(s.display_name, by_settlement[s.pk], _percent(by_settlement[s.pk], total), s.slug)
        for s in settlements
    ]
    if by_settlement[None]:
        places.append(
            Row(_("Not given"), by_settlement[None], _percent(by_settlement[None], total))
        )
    return total, channels, places


def _middle(values):
    """The median of a distribution ``{value: count}``: walks the distinct values in order to the
    middle one, or the middle two (their mean) when the count is even."""
    total = sum(values.values())
    if not total:
        return None
    # 1-based positions of the middle answer(s): the same one twice when ``total`` is odd.
    low, high = (total + 1) // 2, total // 2 + 1
    seen, below = 0, None
    for value in sorted(values):
        seen += values[value]
        if below is None and seen >= low:
            below = value
        if seen >= high:
            return (below + value) / 2
    return below


def _statistics(distribution):
    """Mean, median, smallest and largest of a distribution ``{number: count}`` (exact decimals,
    as the database's ``avg`` of a decimal column)."""
    if not distribution:
        return {}
    total = sum(distribution.values())
    return {
        "mean": sum(number * n for number, n in distribution.items()) / total,
        "median": _middle(distribution),
        "low": min(distribution),
        "high": max(distribution),
    }


def _latest(answers, limit):
    """Up to ``limit`` newest non-empty texts per question."""
    ranked = (
        answers.exclude(text="")
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("question_id")], order_by=F("id").desc())
        )
        .filter(rank__lte=limit)
        .order_by("question_id", "rank")
        .values_list("question_id", "text")
    )
    texts = defaultdict(list)
    for question_id, text in ranked:
        texts[question_id].append(text)
    return texts


def _frequent_others(answers, limit):
    """Up to ``limit`` most frequent "other" texts per question, each with how many wrote it,
    most frequent first. The same words in another letter case or spacing count together (on
    PostgreSQL; SQLite folds the case of Latin letters only)."""
    grouped = (
        answers.exclude(other_text="")
        .annotate(words=Lower(Trim("other_text")))
        .values("question_id", "words")
        .annotate(n=Count("id"), text=Min("other_text"))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("question_id")],
                order_by=[F("n").desc(), F("words").asc()],
            )
        )
        .filter(rank__lte=limit)
        .order_by("question_id", "rank")
        .values_list("question_id", "text", "n")
    )
    others = defaultdict(list)
    for question_id, text, n in grouped:
        others[question_id].append((text.strip(), n))
    return others


def _value_rows(distribution, answered):
    """Bars for a number question: one per value, or ranges of equal width when there are many."""
    values = sorted(distribution)
    if len(values) <= MAX_VALUE_BARS:
        return [
            Row(plain_number(v), distribution[v], _percent(distribution[v], answered))
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
        rows.append(Row(label, bins[index], _percent(bins[index], answered)))
    return rows


@dataclass
class Figures:
    """What the database counted for the results; ``results_from`` builds them into pages.

    Plain values throughout, so that a published report keeps them (``as_json``, without the
    texts, which reports never show) and shows the same figures whatever is answered later."""

    summary: list  # (channel, settlement id, responses)
    answered: dict  # {question id: respondents}, for multiple-choice and matrix questions
    counts: dict  # {question id: {(row, choice, settlement, number, date): answers}}
    others: dict = field(default_factory=dict)  # {question id: [(text, answers)]}
    latest: dict = field(default_factory=dict)  # {question id: [text]}

    def as_json(self):
        return {
            "summary": [list(group) for group in self.summary],
            "answered": [[question_id, n] for question_id, n in self.answered.items()],
            "counts": [
                [question_id, row, choice, place, _text(number), _text(day), n]
                for question_id, groups in self.counts.items()
                for (row, choice, place, number, day), n in groups.items()
            ],
        }

    @classmethod
    def from_json(cls, data):
        counts = defaultdict(dict)
        for question_id, row, choice, place, number, day, n in data["counts"]:
            number = None if number is None else Decimal(number)
            day = None if day is None else date.fromisoformat(day)
            counts[question_id][row, choice, place, number, day] = n
        return cls(
            summary=[tuple(group) for group in data["summary"]],
            answered=dict(data["answered"]),
            counts=counts,
        )


def _text(value):
    return None if value is None else str(value)


def results_for(questionnaires, filters=NO_FILTERS, *, questions=None, loaded=None, texts=True):
    """The results of ``questionnaires`` for the responses ``filters`` keeps: a ``QuestionResult``
    per question in order, in a fixed number of queries. ``questions`` limits them; ``loaded`` is
    the list ``questions_of`` already returned, to save loading it twice. Without ``texts``, what
    respondents wrote is left out (and not read): for pages and documents that never show it."""
    questionnaires = _as_list(questionnaires)
    question_list = loaded if loaded is not None else questions_of(questionnaires, only=questions)
    figures = count_answers(questionnaires, question_list, filters, texts=texts)
    return results_from(figures, questionnaires, question_list, filters)


def count_answers(questionnaires, question_list, filters=NO_FILTERS, *, texts=True):
    """The ``Figures`` of ``question_list`` over the responses to ``questionnaires`` that
    ``filters`` keeps: every count a GROUP BY in the database, in at most six queries."""
    responses = responses_for(questionnaires, filters)
    summary = list(
        responses.order_by()
        .values("channel", "settlement_id")
        .annotate(n=Count("id"))
        .values_list("channel", "settlement_id", "n")
    )
    figures = Figures(summary=summary, answered={}, counts=defaultdict(dict))
    if not question_list:
        return figures

    def answers_to(kinds):
        # By the questions' ids, known already: no join with the questions table.
        answers = Answer.objects.filter(
            question_id__in=[q.pk for q in question_list if q.kind in kinds]
        )
        if filters.active:
            answers = answers.filter(response_id__in=responses.order_by().values("pk"))
        return answers

    if _asks(question_list, SPREAD_KINDS):
        figures.answered = _respondents(answers_to(SPREAD_KINDS))
    figures.counts = _counts(answers_to(Kind.values))
    if texts and _asks(question_list, Question.CHOICE_KINDS):
        figures.others = _frequent_others(answers_to(Question.CHOICE_KINDS), OTHER_TEXTS)
    if texts and _asks(question_list, Question.TEXT_KINDS):
        figures.latest = _latest(answers_to(Question.TEXT_KINDS), LATEST_TEXTS)
    return figures


def results_from(figures, questionnaires, question_list, filters=NO_FILTERS):
    """The ``Results`` that ``figures`` give for ``question_list``, in its order (loads the
    settlements: one query)."""
    settlements = list(Settlement.objects.all())
    respondents, by_channel, by_settlement = _summary(figures.summary, settlements)
    results = Results(_as_list(questionnaires), filters, respondents, by_channel, by_settlement, [])
    for question in question_list:
        counts = figures.counts.get(question.pk, {})
        if question.kind in SPREAD_KINDS:
            answered = figures.answered.get(question.pk, 0)
        else:
            answered = sum(counts.values())
        result = QuestionResult(question, answered=answered)
        _fill(result, counts, _question_statistics(question, counts), settlements)
        result.other_texts = [
            Row(text, n, _percent(n, result.other_count))
            for text, n in figures.others.get(question.pk, [])
        ]
        result.latest_texts = figures.latest.get(question.pk, [])
        results.questions.append(result)
    return results


def _asks(question_list, kinds):
    return any(question.kind in kinds for question in question_list)


def _respondents(answers):
    """Respondents per question. The (question, response) pairs are grouped first and then
    counted: that walks the (question, response) index in order, where PostgreSQL 15's
    ``COUNT(DISTINCT response_id)`` sorts every group again (0.53 s against 0.33 s on two million
    answers). The ORM has no subquery in FROM, hence the SQL around the compiled pairs."""
    pairs = answers.order_by().values("question_id", "response_id").distinct()
    sql, params = pairs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT question_id, COUNT(*) FROM ({sql}) AS pairs GROUP BY question_id", params
        )
        return dict(cursor.fetchall())


def _counts(answers):
    """``{question id: {(row, choice, settlement, number, date): answers}}`` in one scan of the
    answers."""
    grouped = answers.values(
        "question_id", "row_id", "choice_id", "settlement_id", "number", "date"
    ).annotate(n=Count("id"))
    counts = defaultdict(dict)
    for group in grouped:
        key = (
            group["row_id"],
            group["choice_id"],
            group["settlement_id"],
            group["number"],
            group["date"],
        )
        counts[group["question_id"]][key] = group["n"]
    return counts


def _question_statistics(question, counts):
    """``{matrix row id, or None: statistics}``: mean, median and extremes of a number, scale or
    matrix row, the first and last of a date question. Worked out from the groups the database
    counted, so over distinct values rather than answers."""
    if question.kind == Kind.DATE:
        dates = [day for (_row, _choice, _place, _number, day) in counts if day is not None]
        return {None: {"first": min(dates), "last": max(dates)}} if dates else {}
    if question.kind not in Question.NUMERIC_KINDS:
        return {}
    distributions = defaultdict(lambda: defaultdict(int))
    for (row_id, _choice, _place, number, _date), n in counts.items():
        if number is not None:
            distributions[row_id][number] += n
    return {row_id: _statistics(distribution) for row_id, distribution in distributions.items()}


def _fill(result, counts, stats, settlements):
    question, total = result.question, result.answered
    own = stats.get(None, {})
    result.mean, result.minimum, result.maximum = (
        _decimal(own.get("mean")),
        _decimal(own.get("low")),
        _decimal(own.get("high")),
    )
    result.median = _decimal(own.get("median"))
    result.first_date, result.last_date = own.get("first"), own.get("last")
    if question.kind == Kind.MATRIX:
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
                            _percent(by_choice.get(c.pk, 0), row_total),
                            c.code,
                        )
                        for c in result.columns
                    ],
                    mean=_decimal(row_stats.get("mean")),
                    median=_decimal(row_stats.get("median")),
                )
            )
    elif question.kind in Question.CHOICE_KINDS:
        by_choice = defaultdict(int)
        for (_row, choice_id, _place, _number, _date), n in counts.items():
            by_choice[choice_id] += n
        result.rows = [
            Row(c.label, by_choice.get(c.pk, 0), _percent(by_choice.get(c.pk, 0), total), c.code)
            for c in question.choices.all()
        ]
        result.other_count = by_choice.get(None, 0)
        if question.allow_other or result.other_count:
            result.rows.append(
                Row(_("Other"), result.other_count, _percent(result.other_count, total), "other")
            )
    elif question.kind == Kind.SETTLEMENT:
        by_place = defaultdict(int)
        for (_row, _choice, place, _number, _date), n in counts.items():
            by_place[place] += n
        result.rows = [
            Row(
                s.display_name,
                by_place.get(s.pk, 0),
                _percent(by_place.get(s.pk, 0), total),
                s.slug,
            )
            for s in settlements
        ]
    elif question.kind == Kind.NUMBER:
        distribution = defaultdict(int)
        for (_row, _choice, _place, number, _date), n in counts.items():
            if number is not None:
                distribution[number] += n
        result.rows = _value_rows(distribution, total)


# Progress against the quotas


@dataclass
class Cell:
    count: int
    target: int
    by_channel: dict = field(default_factory=dict)

    @property
    def percent(self):
        return _percent(self.count, self.target)

    @property
    def channel_counts(self):
        """Responses per channel, in the order of ``Channel``."""
        return [self.by_channel.get(value, 0) for value in Channel.values]

    @property
    def reached(self):
        return self.target > 0 and self.count >= self.target


@dataclass
class QuestionnaireProgress:
    questionnaire: Questionnaire
    total: Cell
    settlements: list  # (Settlement, Cell) in the settlements' order
    by_channel: list  # Row per channel


@dataclass
class Progress:
    questionnaires: list
    group_labels: list  # (value, label) of the target groups in the columns
    table: list  # (Settlement, [(target group label, Cell)], Cell for all groups)
    groups: list  # (label, Cell) totals per target group
    total: Cell
    by_channel: list


def progress(questionnaire=None):
    """Responses by target group × settlement × channel against the quotas, for one questionnaire
    or for every one that is not a draft (four queries)."""
    questionnaires = (
        [questionnaire]
        if questionnaire is not None
        else list(Questionnaire.objects.public().order_by("target_group", "title"))
    )
    ids = [q.pk for q in questionnaires]
    settlements = list(Settlement.objects.all())
    targets = {
        (quota.questionnaire_id, quota.settlement_id): quota.target
        for quota in Quota.objects.filter(questionnaire_id__in=ids)
    }
    counts = defaultdict(lambda: defaultdict(int))
    for group in (
        Response.objects.counted()
        .filter(questionnaire_id__in=ids)
        .order_by()
        .values("questionnaire_id", "settlement_id", "channel")
        .annotate(n=Count("id"))
    ):
        counts[group["questionnaire_id"], group["settlement_id"]][group["channel"]] += group["n"]

    def cell(pairs, target):
        channels = defaultdict(int)
        for pair in pairs:
            for channel, n in counts[pair].items():
                channels[channel] += n
        return Cell(sum(channels.values()), target, dict(channels))

    def channel_rows(c):
        return [
            Row(
                label,
                c.by_channel.get(value, 0),
                _percent(c.by_channel.get(value, 0), c.count),
                value,
            )
            for value, label in Channel.choices
        ]

    places = [s.pk for s in settlements] + [None]
    per_questionnaire = []
    for q in questionnaires:
        total = cell([(q.pk, s) for s in places], q.quota_total)
        per_questionnaire.append(
            QuestionnaireProgress(
                q,
                total,
                [(s, cell([(q.pk, s.pk)], targets.get((q.pk, s.pk), 0))) for s in settlements],
                channel_rows(total),
            )
        )
    groups_present = [g for g in TargetGroup if any(q.target_group == g for q in questionnaires)]
    of_group = {g: [q for q in questionnaires if q.target_group == g] for g in groups_present}
    table = []
    for s in settlements:
        cells = [
            cell(
                [(q.pk, s.pk) for q in of_group[g]],
                sum(targets.get((q.pk, s.pk), 0) for q in of_group[g]),
            )
            for g in groups_present
        ]
        every = Cell(sum(c.count for c in cells), sum(c.target for c in cells))
        table.append(
            (s, list(zip([str(g.label) for g in groups_present], cells, strict=True)), every)
        )
    groups = [
        (
            g.label,
            cell(
                [(q.pk, s) for q in of_group[g] for s in places],
                sum(q.quota_total for q in of_group[g]),
            ),
        )
        for g in groups_present
    ]
    total = cell([(q.pk, s) for q in questionnaires for s in places], RESPONDENTS_TARGET)
    return Progress(
        per_questionnaire,
        [(g.value, g.label) for g in groups_present],
        table,
        groups,
        total,
        channel_rows(total),
    )


def open_answers(question, search=""):
    """What respondents wrote to ``question``, newest first: the texts of an open question, or the
    words beside “other, please specify” of a choice question. ``search`` keeps those containing
    it."""
    column = "text" if question.kind in Question.TEXT_KINDS else "other_text"
    answers = Answer.objects.filter(question=question).exclude(**{column: ""}).order_by("-pk")
    if search:
        answers = answers.filter(**{f"{column}__icontains": search})
    return answers.values_list(column, flat=True)
