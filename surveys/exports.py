"""Exports of the responses for staff (CSV and XLSX, one row per response), rendered by the worker
as documents.

The row exports pivot the answers in the database's order: responses by id beside their answers
by response id, both read through server-side cursors in chunks, so memory stays flat whatever the
number of responses. Columns: ``response_id``, ``submitted_at``, ``channel``, ``settlement``,
``consent_version`` (the number of the consent text's version the respondent agreed to),
``form_number`` and ``filled_on`` (a paper form's number and the day it was filled in, or of the
interview), ``outside_conditions`` (answers a paper form gave against a condition, kept as
written and not counted), then per question: its code (single choice and yes/no: the option's
code; scale: the value; number, text, date, settlement: the value), ``<code>_<option>`` 0/1 per
option of a multiple choice, ``<code>_<row>`` the value per matrix row, and ``<code>_other`` for
"other, please specify".
Both are written through ``ivanovo_portal.spreadsheets``, so no text a respondent or a member of
staff typed opens as a formula.
"""

import datetime
import functools
import tempfile
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from ivanovo_portal import spreadsheets
from ivanovo_portal.documents.registry import DocumentKind, Rendered
from ivanovo_portal.places.models import Settlement

from .kinds import kind_of
from .models import Answer, Channel, Response
from .results.figures import ordered_questions
from .results.numbers import plain_number

# The exports are documents the worker renders (openpyxl writes about 400 responses of 30
# questions a second here: a large XLSX takes minutes, longer than a page may wait). Only those who
# may export responses see them.
RESPONSES_XLSX_KIND = "surveys.responses_xlsx"
RESPONSES_CSV_KIND = "surveys.responses_csv"
CODEBOOK_CSV_KIND = "surveys.codebook_csv"
EXPORT_PERMISSION = "surveys.export_responses"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
RESPONSE_CHUNK = 2000
ANSWER_CHUNK = 20000
ANSWERS_SHEET = "Отговори"
CODEBOOK_SHEET = "Кодова книга"


def columns_of(questions):
    """The export's columns after the response's own: ``(header, question, part)`` where part is
    an option (multiple choice), a matrix row, ``"other"`` or None (the question's one column)."""
    columns = []
    for question in questions:
        kind = kind_of(question)
        if kind.many:
            columns += [(f"{question.code}_{c.code}", question, c) for c in question.choices.all()]
        elif kind.rows:
            columns += [(f"{question.code}_{r.code}", question, r) for r in question.rows.all()]
        else:
            columns.append((question.code, question, None))
        if question.allow_other and kind.other:
            columns.append((f"{question.code}_other", question, "other"))
    return columns


def _plans(questions, headers):
    """Per question: its ``QuestionKind``, where its values go in a row (column indexes) and its
    codes."""
    index = {header: i for i, header in enumerate(headers)}
    plans = {}
    for q in questions:
        choices = list(q.choices.all())
        plans[q.pk] = (
            kind_of(q),
            index.get(q.code),
            index.get(f"{q.code}_other"),
            {c.pk: index[f"{q.code}_{c.code}"] for c in choices} if kind_of(q).many else {},
            {r.pk: index[f"{q.code}_{r.code}"] for r in q.rows.all()},
            {c.pk: c.code for c in choices},
        )
    return plans


def response_rows(questionnaire):
    """The header, then one list of values per response, oldest first, read in chunks."""
    questions = ordered_questions([questionnaire])
    headers = [header for header, _question, _part in columns_of(questions)]
    plans = _plans(questions, headers)
    settlements = dict(Settlement.objects.values_list("pk", "name"))
    yield [
        "response_id",
        "submitted_at",
        "channel",
        "settlement",
        "consent_version",
        "form_number",
        "filled_on",
        "outside_conditions",
        *headers,
    ]

    responses = (
        Response.objects.counted()
        .filter(questionnaire=questionnaire)
        .order_by("pk")
        .values_list(
            "pk",
            "submitted_at",
            "channel",
            "settlement_id",
            "consent_version__version",
            "form_number",
            "filled_on",
            "outside_conditions",
        )
        .iterator(chunk_size=RESPONSE_CHUNK)
    )
    answers = (
        Answer.objects.filter(question_id__in=list(plans))
        .order_by("response_id")
        .values_list(
            "response_id",
            "question_id",
            "row_id",
            "choice_id",
            "number",
            "text",
            "other_text",
            "date",
            "settlement_id",
        )
        .iterator(chunk_size=ANSWER_CHUNK)
    )
    pending = next(answers, None)
    for pk, submitted_at, channel, settlement_id, consent_version, *paper in responses:
        form_number, filled_on, outside = paper
        cells = [""] * len(headers)
        while pending is not None and pending[0] <= pk:
            if pending[0] == pk:
                _pk, question_id, row_id, choice_id, number, text, other, date, place = pending
                kind, column, other_column, ticks, rows, codes = plans[question_id]
                if kind.many:
                    # Those who answered have 0 for the options they left, the others nothing.
                    for tick in ticks.values():
                        if cells[tick] == "":
                            cells[tick] = 0
                if other:
                    if other_column is not None:
                        cells[other_column] = other
                elif kind.many:
                    cells[ticks[choice_id]] = 1
                elif kind.rows:
                    cells[rows[row_id]] = number if number is not None else codes[choice_id]
                elif kind.numeric:
                    cells[column] = number
                elif kind.text:
                    cells[column] = text
                elif kind.dated:
                    cells[column] = date
                elif kind.column == "settlement_id":
                    cells[column] = settlements.get(place, "")
                else:
                    cells[column] = codes.get(choice_id, "")
            pending = next(answers, None)
        yield [
            pk,
            timezone.localtime(submitted_at),
            channel,
            settlements.get(settlement_id, ""),
            "" if consent_version is None else consent_version,
            form_number,
            filled_on or "",
            "; ".join(f"{item['code']}: {item['answer']}" for item in outside),
            *cells,
        ]


@functools.lru_cache(maxsize=4096)
def _number_text(value):
    return plain_number(value)


def _text(value):
    """A cell as CSV text: numbers without trailing zeros, dates in ISO 8601."""
    if isinstance(value, Decimal):
        return _number_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def csv_lines(questionnaire, rows=None):
    """The CSV export as an iterator of lines, UTF-8 with a byte order mark for Excel, every
    text made safe for spreadsheets: the responses, or the given ``rows``
    (``codebook_rows(questionnaire)``, say)."""
    rows = response_rows(questionnaire) if rows is None else rows
    return spreadsheets.csv_lines(rows, value=_text)


def _cell(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    return value


def codebook_rows(questionnaire):
    """The codebook: per column and answer code, the question and the answer's meaning."""
    yield [
        _("Column"),
        _("Question code"),
        _("Question"),
        _("Type"),
        _("Answer code"),
        _("Answer"),
    ]
    yield ["response_id", "", _("Number of the response"), "", "", ""]
    yield ["submitted_at", "", _("Date and time of the response"), "", "", ""]
    for value, label in Channel.choices:
        yield ["channel", "", _("How the answers were given"), "", value, str(label)]
    yield ["settlement", "", _("Settlement of the respondent"), "", "", ""]
    yield [
        "consent_version",
        "",
        _("Version of the consent text the respondent agreed to (empty: none)"),
        "",
        "",
        "",
    ]
    yield ["form_number", "", _("Number written on the paper form (empty: none)"), "", "", ""]
    yield [
        "filled_on",
        "",
        _("Date the paper form was filled in, or of the interview (empty: online)"),
        "",
        "",
        "",
    ]
    yield [
        "outside_conditions",
        "",
        _("Answers the paper form gave to questions its other answers rule out: not counted"),
        "",
        "",
        "",
    ]
    for header, question, part in columns_of(ordered_questions([questionnaire])):
        kind = str(question.get_kind_display())
        base = [header, question.code, question.text, kind]
        if part == "other":
            yield [*base[:2], f"{question.text} ({_('other, please specify')})", kind, "", ""]
        elif kind_of(question).many:
            yield [*base[:2], f"{question.text}: {part.label}", kind, "1", _("ticked")]
            yield [*base[:2], f"{question.text}: {part.label}", kind, "0", _("not ticked")]
        elif kind_of(question).rows:
            for choice in question.choices.all():
                yield [
                    *base[:2],
                    f"{question.text} {part.label}",
                    kind,
                    plain_number(choice.value) or choice.code,
                    choice.label,
                ]
        elif kind_of(question).points:
            for choice in question.choices.all():
                yield [*base, plain_number(choice.value) or choice.code, choice.label]
        elif kind_of(question).options:
            for choice in question.choices.all():
                yield [*base, choice.code, choice.label]
        else:
            yield [*base, "", ""]


def xlsx_file(questionnaire):
    """The XLSX export (answers and codebook sheets) in an anonymous temporary file, rewound,
    every text a string cell. openpyxl's write-only mode streams the rows to disk, so memory
    stays flat."""
    workbook = Workbook(write_only=True)
    answers = workbook.create_sheet(ANSWERS_SHEET)
    for row in response_rows(questionnaire):
        answers.append(spreadsheets.xlsx_row(answers, [_cell(value) for value in row]))
    codebook = workbook.create_sheet(CODEBOOK_SHEET)
    for row in codebook_rows(questionnaire):
        codebook.append(spreadsheets.xlsx_row(codebook, row))
    output = tempfile.TemporaryFile()  # noqa: SIM115  (the pipeline closes it, deleting it)
    workbook.save(output)
    output.seek(0)
    return output


def _written(lines):
    """CSV ``lines`` in an anonymous temporary file, rewound: written as they come, so memory
    stays flat."""
    output = tempfile.TemporaryFile()  # noqa: SIM115  (the pipeline closes it, deleting it)
    for line in lines:
        output.write(line.encode())
    output.seek(0)
    return output


def export_kind(label, renderer, format):
    """The document kind of an export: never public, seen by those who may export responses."""
    return DocumentKind(label=label, renderer=renderer, format=format, permission=EXPORT_PERMISSION)


# The exports are in the portal's language, whoever asks for them in whichever language.


def render_responses_xlsx(questionnaire) -> Rendered:
    """The responses and the codebook as an XLSX file."""
    with translation.override(settings.LANGUAGE_CODE):
        return Rendered(f"{questionnaire.slug}-responses.xlsx", XLSX, xlsx_file(questionnaire))


def render_responses_csv(questionnaire) -> Rendered:
    """The responses as a CSV file."""
    return Rendered(f"{questionnaire.slug}-responses.csv", CSV, _written(csv_lines(questionnaire)))


def render_codebook_csv(questionnaire) -> Rendered:
    """The codebook as a CSV file."""
    with translation.override(settings.LANGUAGE_CODE):
        lines = csv_lines(questionnaire, codebook_rows(questionnaire))
        return Rendered(f"{questionnaire.slug}-codebook.csv", CSV, _written(lines))
