"""Exports of a round for its coordinators (CSV and XLSX), rendered by the worker as documents.

- observations: one row per observation with its first score, the blind second score, the final
  score and the reason the coordinator gave for it, its status and dates, how it was recorded, how
  many pieces of evidence it has, and the access-to-information requests that are evidence for its
  criterion in its settlement (by number);
- requests: one row per access-to-information request with its statutory deadline and answer.

The XLSX holds both as sheets. Choices are written as their labels in the portal's language;
scores as numbers, "not applicable" as 1/0. Monitors' names are in them: the exports are never
public and only coordinators may download them (staff are entitled to know who scored what; the
public scorecard names no one without consent). Everything passes through
``ivanovo_portal.spreadsheets``, so nothing anyone typed opens as a formula.
"""

import datetime
import tempfile

from django.conf import settings
from django.db.models import Count
from django.utils import timezone, translation
from openpyxl import Workbook

from ivanovo_portal import spreadsheets
from ivanovo_portal.documents.registry import DocumentKind, Rendered

from .deadlines import is_overdue, request_deadline
from .models import InformationRequest, Observation

OBSERVATIONS_CSV_KIND = "monitoring.observations_csv"
REQUESTS_CSV_KIND = "monitoring.requests_csv"
ROUND_XLSX_KIND = "monitoring.round_xlsx"
EXPORT_PERMISSION = "monitoring.coordinate_round"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
OBSERVATIONS_SHEET = "Наблюдения"
REQUESTS_SHEET = "Заявления по ЗДОИ"

OBSERVATION_COLUMNS = [
    "observation_id",
    "area",
    "criterion",
    "settlement",
    "monitor",
    "channel",
    "entered_by",
    "observed_on",
    "finding",
    "score",
    "not_applicable",
    "status",
    "submitted_at",
    "second_scorer",
    "second_score",
    "second_not_applicable",
    "second_note",
    "final_score",
    "final_not_applicable",
    "reconciled_by",
    "reconciliation",
    "verified_at",
    "evidence",
    "requests",
]
REQUEST_COLUMNS = [
    "request_id",
    "settlement",
    "subject",
    "text",
    "channel",
    "submitted_on",
    "registry_number",
    "clarified_on",
    "extension",
    "extension_notified_on",
    "deadline",
    "overdue",
    "answer",
    "answered_on",
    "answer_summary",
    "answer_sha256",
    "answer_is_public",
    "criteria",
    "made_by",
]


def _name(user):
    return str(user) if user is not None else ""


def _flag(value):
    return 1 if value else 0


def _requests_by_cell(round_):
    """{(criterion id, settlement id): "3; 7"}: the numbers of the requests that are evidence
    for a criterion in a settlement."""
    links = (
        InformationRequest.criteria.through.objects.filter(informationrequest__round=round_)
        .order_by("informationrequest_id")
        .values_list("criterion_id", "informationrequest__settlement_id", "informationrequest_id")
    )
    cells = {}
    for criterion_id, settlement_id, request_id in links:
        cells.setdefault((criterion_id, settlement_id), []).append(str(request_id))
    return {cell: "; ".join(numbers) for cell, numbers in cells.items()}


def observation_rows(round_):
    """The header, then one row per observation of the round in the framework's order."""
    requests = _requests_by_cell(round_)
    observations = (
        Observation.objects.filter(round=round_)
        .select_related(
            "criterion__area",
            "settlement",
            "monitor",
            "entered_by",
            "reconciled_by",
            "second_score__scorer",
        )
        .annotate(evidence_count=Count("evidence"))
        # An aggregate drops the model's ordering: the framework's order is asked for.
        .order_by(
            "criterion__area__position",
            "criterion__position",
            "criterion__pk",
            "settlement__position",
            "pk",
        )
    )
    yield OBSERVATION_COLUMNS
    for observation in observations:
        second = getattr(observation, "second_score", None)
        yield [
            observation.pk,
            observation.criterion.area.code,
            observation.criterion.code,
            observation.settlement.name,
            _name(observation.monitor),
            observation.get_channel_display(),
            _name(observation.entered_by),
            observation.observed_on,
            observation.finding,
            observation.score,
            _flag(observation.not_applicable),
            observation.get_status_display(),
            observation.submitted_at,
            _name(second.scorer) if second else "",
            second.score if second else None,
            _flag(second.not_applicable) if second else None,
            second.note if second else "",
            observation.final_score,
            _flag(observation.final_not_applicable) if observation.verified_at else None,
            _name(observation.reconciled_by),
            observation.reconciliation,
            observation.verified_at,
            observation.evidence_count,
            requests.get((observation.criterion_id, observation.settlement_id), ""),
        ]


def request_rows(round_, today=None):
    """The header, then one row per access-to-information request of the round, oldest first."""
    requests = (
        InformationRequest.objects.filter(round=round_)
        .select_related("settlement", "made_by")
        .prefetch_related("criteria")
        .order_by("submitted_on", "pk")
    )
    yield REQUEST_COLUMNS
    for request in requests:
        yield [
            request.pk,
            request.settlement.name,
            request.subject,
            request.text,
            request.get_channel_display(),
            request.submitted_on,
            request.registry_number,
            request.clarified_on,
            request.get_extension_display() if request.extension else "",
            request.extension_notified_on,
            request_deadline(request),
            _flag(is_overdue(request, today)),
            request.get_answer_display(),
            request.answered_on,
            request.answer_summary,
            request.answer_sha256,
            _flag(request.answer_is_public),
            "; ".join(criterion.code for criterion in request.criteria.all()),
            _name(request.made_by),
        ]


def _text(value):
    """A cell as CSV text: dates in ISO 8601, moments in Sofia's time."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _cell(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _written(rows):
    """The CSV of ``rows`` in an anonymous temporary file, rewound."""
    output = tempfile.TemporaryFile()  # noqa: SIM115  (the pipeline closes it, deleting it)
    for line in spreadsheets.csv_lines(rows, value=_text):
        output.write(line.encode())
    output.seek(0)
    return output


def xlsx_file(round_):
    """Both tables as sheets of an XLSX in an anonymous temporary file, rewound; every text a
    string cell."""
    workbook = Workbook(write_only=True)
    for title, rows in (
        (OBSERVATIONS_SHEET, observation_rows(round_)),
        (REQUESTS_SHEET, request_rows(round_)),
    ):
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(spreadsheets.xlsx_row(sheet, [_cell(value) for value in row]))
    output = tempfile.TemporaryFile()  # noqa: SIM115  (the pipeline closes it, deleting it)
    workbook.save(output)
    output.seek(0)
    return output


# The exports are in the portal's language, whoever asks for them in whichever language.


def render_observations_csv(round_) -> Rendered:
    """The round's observations and scores as a CSV file."""
    with translation.override(settings.LANGUAGE_CODE):
        content = _written(observation_rows(round_))
    return Rendered(f"{round_.slug}-observations.csv", CSV, content)


def render_requests_csv(round_) -> Rendered:
    """The round's access-to-information requests as a CSV file."""
    with translation.override(settings.LANGUAGE_CODE):
        content = _written(request_rows(round_))
    return Rendered(f"{round_.slug}-requests.csv", CSV, content)


def render_round_xlsx(round_) -> Rendered:
    """The round's observations and requests as an XLSX file."""
    with translation.override(settings.LANGUAGE_CODE):
        content = xlsx_file(round_)
    return Rendered(f"{round_.slug}.xlsx", XLSX, content)


def export_kind(label, renderer, format):
    """The document kind of an export: never public, seen by coordinators only."""
    return DocumentKind(label=label, renderer=renderer, format=format, permission=EXPORT_PERMISSION)


# The exports of a round by the name the exports page asks for them with.
EXPORTS = {
    "observations.csv": OBSERVATIONS_CSV_KIND,
    "requests.csv": REQUESTS_CSV_KIND,
    "round.xlsx": ROUND_XLSX_KIND,
}
