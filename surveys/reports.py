"""Analysis reports: composing them, the methodology computed from the responses, and the PDF.

- ``methodology_for(questionnaires)``: sample sizes in total, by target group, by settlement (all
  13, with zeros) and channel, and the period of the answers, in three grouped queries.
- ``report_content(report)``: everything the report's page and its PDF show, in a fixed number of
  queries whatever the number of responses. Publishing keeps the counts behind it
  (``AnalysisReport.figures``): a published report, which may have been filed at the municipal
  registry, does not change when answers are entered later.
- ``render_report_pdf(report) -> bytes``: the PDF (document kind ``REPORT_KIND``).
- Services (each one transaction): ``create_report``, ``update_report``, ``add_item``,
  ``update_item``, ``move_item``, ``remove_item``, ``add_recommendation``,
  ``update_report_recommendation``, ``publish``, ``unpublish``, ``request_report_pdf``.
- ``published_reports()``: the published reports with their PDFs, for public lists.
"""

import base64
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.pdf import render_pdf
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations import services as register

from .models import AnalysisReport, Channel, Question, ReportItem, Response, TargetGroup
from .results import Figures, count_answers, questions_of, results_from

REPORT_KIND = "surveys.report"
REPORT_FIELDS = ("title", "slug", "introduction", "methodology_note", "conclusions")


class ReportError(Exception):
    """A change the report refuses; ``field`` names the form field at fault, if one is."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


# Methodology


@dataclass
class Share:
    """A count with its share of the whole sample."""

    label: str
    count: int
    total: int

    @property
    def percent(self):
        return round(100 * self.count / self.total, 1) if self.total else 0


@dataclass
class SettlementRow:
    name: str
    by_channel: list[int]
    total: int


@dataclass
class Methodology:
    total: int
    groups: list[Share]
    channels: list[Share]
    channel_labels: list[str]
    settlements: list[SettlementRow]
    first: datetime | None
    last: datetime | None
    questionnaires: list = field(default_factory=list)

    @property
    def settlements_reached(self):
        return sum(1 for row in self.settlements if row.total and row.name != NOT_STATED)


NOT_STATED = _("Not stated")


def sample_of(questionnaires):
    """What the database counts for the methodology of ``questionnaires``, as plain values (a
    published report keeps them): responses by settlement and channel and by target group, and
    the times of the first and last response."""
    responses = Response.objects.counted().filter(questionnaire__in=questionnaires).order_by()
    period = responses.aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    return {
        "cells": [
            list(cell)
            for cell in responses.values("settlement", "channel")
            .annotate(count=Count("pk"))
            .values_list("settlement", "channel", "count")
        ],
        "groups": [
            list(group)
            for group in responses.values_list("questionnaire__target_group").annotate(
                count=Count("pk")
            )
        ],
        "first": period["first"] and period["first"].isoformat(),
        "last": period["last"] and period["last"].isoformat(),
    }


def methodology_for(questionnaires, sample=None):
    """The sample of ``questionnaires``: total, by target group, by settlement × channel (all 13
    settlements, zeros included) and the dates of the first and last response; from ``sample``
    (what ``sample_of`` counted) when given."""
    sample = sample_of(questionnaires) if sample is None else sample
    cells = {(settlement, channel): count for settlement, channel, count in sample["cells"]}
    by_group = dict(sample["groups"])
    total = sum(cells.values())
    channels = Channel.values
    rows = []
    settlements = [(s.pk, s.display_name) for s in Settlement.objects.order_by("position")]
    if any(settlement is None for settlement, _channel in cells):
        settlements.append((None, NOT_STATED))
    for pk, name in settlements:
        counts = [cells.get((pk, channel), 0) for channel in channels]
        rows.append(SettlementRow(name=name, by_channel=counts, total=sum(counts)))
    groups_asked = {q.target_group for q in questionnaires}
    return Methodology(
        total=total,
        groups=[
            Share(label, by_group.get(value, 0), total)
            for value, label in TargetGroup.choices
            if value in groups_asked or by_group.get(value)
        ],
        channels=[
            Share(label, sum(cells.get((pk, value), 0) for pk, _name in settlements), total)
            for value, label in Channel.choices
        ],
        channel_labels=[label for _value, label in Channel.choices],
        settlements=rows,
        first=_moment(sample["first"]),
        last=_moment(sample["last"]),
        questionnaires=list(questionnaires),
    )


def _moment(text):
    return text and datetime.fromisoformat(text)


# What the page and the PDF show


@dataclass
class ReportContent:
    report: AnalysisReport
    methodology: Methodology
    items: list  # ReportItem, each with ``.result`` (the QuestionResult of its question)
    recommendations: list


def report_content(report, *, with_drafts=False):
    """The report with its methodology, its questions' results and its recommendations: those
    the register has made public (approved or later), and its drafts too ``with_drafts``. A
    published report shows the figures it was published with; a draft counts them afresh."""
    questionnaires = list(report.questionnaires.all())
    items = list(report.items.all())
    question_list = questions_of(questionnaires, only=[item.question_id for item in items])
    if report.figures is None:
        sample = sample_of(questionnaires)
        # What respondents wrote stays out: reports are published, and free text may name people.
        figures = count_answers(questionnaires, question_list, texts=False)
    else:
        sample = report.figures["sample"]
        figures = Figures.from_json(report.figures["answers"])
    results = results_from(figures, questionnaires, question_list)
    by_question = {result.question.pk: result for result in results}
    for item in items:
        item.result = by_question[item.question_id]
        item.question = item.result.question
    recommendations = report.recommendations.order_by("number").prefetch_related("settlements")
    if not with_drafts:
        recommendations = recommendations.public()
    return ReportContent(
        report=report,
        methodology=methodology_for(questionnaires, sample),
        items=items,
        recommendations=list(recommendations),
    )


def _figures_of(report):
    """What a report keeps when it is published: the counts behind its methodology and behind
    every question of its questionnaires (so that questions added later have theirs too)."""
    questionnaires = list(report.questionnaires.all())
    return {
        "sample": sample_of(questionnaires),
        "answers": count_answers(
            questionnaires, questions_of(questionnaires), texts=False
        ).as_json(),
    }


def render_report_pdf(report) -> bytes:
    """The report as PDF bytes, in Bulgarian: the same content as its page."""
    content = report_content(report)
    for item in content.items:
        item.result.chart = _as_image(item.result.chart)
    return render_pdf("surveys/reports/pdf/report.html", {"content": content})


def _as_image(svg):
    """An inline SVG chart as an ``<img>`` of the same SVG. WeasyPrint draws both alike, but runs
    the CSS cascade over every node of an inline SVG: for a report of 30 charts that is a third
    of the rendering time. The data table beside each chart carries the figures, hence no alt."""
    if not svg:
        return svg
    data = base64.b64encode(str(svg).encode()).decode()
    return format_html(
        '<img class="survey-chart-img" alt="" src="data:image/svg+xml;base64,{}">', data
    )


def is_public(report):
    return report.status == AnalysisReport.Status.PUBLISHED


# Reads for lists


def reports_for_staff():
    """Every report with its questionnaires and the number of its questions, newest first."""
    return AnalysisReport.objects.prefetch_related("questionnaires").annotate(
        item_count=Count("items", distinct=True),
        recommendation_count=Count("recommendations", distinct=True),
    )


def published_reports():
    """The published reports, newest first, each with ``.document`` (its PDF or None)."""
    reports = list(
        AnalysisReport.objects.published()
        .prefetch_related("questionnaires")
        .order_by("-published_at", "-pk")
    )
    documents = {
        document.object_id: document
        for document in GeneratedDocument.objects.filter(
            kind=REPORT_KIND,
            content_type=ContentType.objects.get_for_model(AnalysisReport),
            object_id__in=[report.pk for report in reports],
        )
    }
    for report in reports:
        report.document = documents.get(report.pk)
    return reports


def questions_for(report):
    """The questions of the report's questionnaires that it does not show yet, in order."""
    return (
        Question.objects.filter(section__questionnaire__reports=report)
        .exclude(pk__in=report.items.values("question"))
        .select_related("section__questionnaire")
        .order_by("section__questionnaire__title", "section__position", "position", "pk")
    )


# Services


@transaction.atomic
def create_report(*, user, questionnaires, **fields):
    """Start a draft report on ``questionnaires``."""
    report = AnalysisReport.objects.create(created_by=user, **_known(fields))
    report.questionnaires.set(questionnaires)
    return report


@transaction.atomic
def update_report(report, *, user, questionnaires=None, **fields):
    """Change a report's texts and questionnaires; one whose questions it shows must stay."""
    report = AnalysisReport.objects.select_for_update().get(pk=report.pk)
    if (
        questionnaires is not None
        and is_public(report)
        and {q.pk for q in questionnaires} != {q.pk for q in report.questionnaires.all()}
    ):
        raise ReportError(
            _(
                "The questionnaires of a published report keep the figures it was published "
                "with: take the report back to a draft to change them."
            ),
            field="questionnaires",
        )
    if questionnaires is not None:
        kept = {q.pk for q in questionnaires}
        used = (
            report.items.exclude(question__section__questionnaire__in=kept)
            .values_list("question__section__questionnaire__title", flat=True)
            .distinct()
        )
        if used:
            raise ReportError(
                _("Remove the questions of “%(title)s” from the report before removing it.")
                % {"title": used[0]},
                field="questionnaires",
            )
    for name, value in _known(fields).items():
        setattr(report, name, value)
    report.save()
    if questionnaires is not None:
        report.questionnaires.set(questionnaires)
    return report


def _known(fields):
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"Not a report field: {', '.join(sorted(unknown))}")
    return fields


@transaction.atomic
def add_item(report, *, question, user, commentary=""):
    """Show ``question`` in the report, after the questions it shows already."""
    report = AnalysisReport.objects.select_for_update().get(pk=report.pk)
    if not report.questionnaires.filter(sections__questions=question).exists():
        raise ReportError(_("Choose a question of the report's questionnaires."), field="question")
    if report.items.filter(question=question).exists():
        raise ReportError(_("The report shows this question already."), field="question")
    last = report.items.aggregate(last=Max("position"))["last"]
    return ReportItem.objects.create(
        report=report,
        question=question,
        commentary=commentary,
        position=0 if last is None else last + 1,
    )


@transaction.atomic
def update_item(item, *, commentary, user):
    """Change the commentary on a question of the report."""
    item.commentary = commentary
    item.save(update_fields=["commentary"])
    return item


@transaction.atomic
def move_item(item, *, up, user):
    """Swap a question with the one before it (``up``) or after it; at either end nothing moves."""
    items = list(
        ReportItem.objects.select_for_update()
        .filter(report_id=item.report_id)
        .order_by("position", "pk")
    )
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return item
    items[index], items[other] = items[other], items[index]
    # Positions are renumbered from 0, which also mends any ties left by earlier edits.
    for position, each in enumerate(items):
        each.position = position
    ReportItem.objects.bulk_update(items, ["position"])
    return items[other]


@transaction.atomic
def remove_item(item, *, user):
    """Take a question out of the report."""
    item.delete()


@transaction.atomic
def add_recommendation(report, *, user, title, text, rationale, settlements=(), date=None):
    """Write a draft recommendation into the register with the report as its source; ``date``
    (today unless told) is when it was written, which gives its number's year."""
    return register.create_recommendation(
        user=user,
        title=title,
        text=text,
        rationale=rationale,
        settlements=settlements,
        source=report,
        activity=Activity.SURVEYS,
        date=date,
    )


def update_report_recommendation(recommendation, *, user, **fields):
    """Change one of the report's recommendations while the register still allows it."""
    try:
        return register.update_recommendation(recommendation, user=user, **fields)
    except register.TransitionError as error:
        raise ReportError(error.message, field=error.field) from error


@transaction.atomic
def publish(report, *, user, at=None):
    """Make the report public, dated ``at`` (now unless told), with its figures as they stand:
    answers entered later do not change a report that may have been filed already. Its PDF is
    rendered afresh, so that no draft's PDF goes public."""
    now = timezone.now()
    AnalysisReport.objects.filter(pk=report.pk).update(
        status=AnalysisReport.Status.PUBLISHED,
        published_at=at or now,
        figures=_figures_of(report),
        updated_at=now,
    )
    report.refresh_from_db()
    request_report_pdf(report, user=user)
    return report


@transaction.atomic
def unpublish(report, *, user):
    """Take the report back to a draft, hidden from the public and counting afresh."""
    AnalysisReport.objects.filter(pk=report.pk).update(
        status=AnalysisReport.Status.DRAFT,
        published_at=None,
        figures=None,
        updated_at=timezone.now(),
    )
    report.refresh_from_db()
    return report


def request_report_pdf(report, *, user):
    """Queue (again) the rendering of the report's PDF."""
    return request_document(report, REPORT_KIND, user=user, title=report.title)
