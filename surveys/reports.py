"""Analysis reports: composing them, their content as page and PDF, publishing them.

- ``report_content(report)``: everything the report's page and its PDF show, with its
  methodology (``surveys.methodology``), in a fixed number of queries whatever the number of
  responses. Publishing keeps the counts behind it (``AnalysisReport.figures``): a published
  report, which may have been filed at the municipal registry, does not change when answers are
  entered later.
- ``render_report_pdf(report) -> bytes``: the PDF (document kind ``REPORT_KIND``).
- Services (each one transaction): ``create_report``, ``update_report``, ``add_item``,
  ``update_item``, ``move_item``, ``remove_item``, ``add_recommendation``,
  ``update_report_recommendation``, ``publish``, ``unpublish``, ``request_report_pdf``.
- ``published_reports()``: the published reports with their PDFs, for public lists.
"""

import base64
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import slugs
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.pdf import render_pdf
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations import services as register

from . import disclosure
from .methodology import (
    Methodology,
    frozen_figures,
    methodology_for,
    sample_of,
    withhold_methodology,
)
from .models import AnalysisReport, Question, ReportItem
from .results import questions_of

REPORT_KIND = "surveys.report"
REPORT_FIELDS = ("title", "slug", "introduction", "methodology_note", "conclusions")
# Words that the report pages' own addresses use after "reports/".
RESERVED_SLUGS = frozenset({"new"})


class ReportError(Exception):
    """A change the report refuses; ``field`` names the form field at fault, if one is."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


# What the page and the PDF show


@dataclass
class ReportContent:
    report: AnalysisReport
    methodology: Methodology
    items: list  # ReportItem, each with ``.result`` (the QuestionResult of its question)
    recommendations: list


def report_content(report, *, with_drafts=False):
    """The report with its methodology, its questions' results and its recommendations: those
    the register has made public (approved or later), and its drafts too ``with_drafts``. It
    shows what the public may see (``disclosure``) of the figures its questionnaires' public
    pages show: those kept when it was published, else the questionnaires' frozen figures (a
    draft counts afresh those of a questionnaire never published)."""
    questionnaires = list(report.questionnaires.all())
    items = list(report.items.all())
    question_list = questions_of(questionnaires, only=[item.question_id for item in items])
    if report.figures is not None and "questionnaires" in report.figures:
        frozen = {int(pk): figures for pk, figures in report.figures["questionnaires"].items()}
    else:
        frozen = frozen_figures(questionnaires, freeze=is_public(report))
    by_question, pages = {}, []
    for questionnaire in questionnaires:
        own = [q for q in question_list if q.section.questionnaire_id == questionnaire.pk]
        page = (
            disclosure.protected_views(
                [questionnaire], own, disclosure.by_place_of(frozen[questionnaire.pk])
            )
            .views[0]
            .results
        )
        by_question.update((result.question.pk, result) for result in page)
        pages.append(page)
    for item in items:
        item.result = by_question[item.question_id]
        item.question = item.result.question
    methodology = methodology_for(questionnaires, sample_of(questionnaires, frozen))
    withhold_methodology(methodology, pages)
    recommendations = report.recommendations.order_by("number").prefetch_related("settlements")
    if not with_drafts:
        recommendations = recommendations.public()
    return ReportContent(
        report=report,
        methodology=methodology,
        items=items,
        recommendations=list(recommendations),
    )


@dataclass
class Withheld:
    """A question of the report whose figures the public does not see all of."""

    item: ReportItem
    whole: bool  # even the number who answered is withheld


def withheld_items(content):
    """The questions of ``content`` (``report_content``) whose figures disclosure control
    withholds from the public, in part or whole: staff see them before they publish."""
    found = []
    for item in content.items:
        result = item.result
        counts = [row.count for row in result.rows]
        for row in result.matrix:
            counts += [row.answered, *(cell.count for cell in row.cells)]
        if result.answered is None or None in counts:
            found.append(Withheld(item, whole=result.answered is None))
    return found


def _figures_of(report):
    """What a report keeps when it is published: the figures of its questionnaires as the
    public sees them (frozen now for those never published), so that its page and PDF agree
    with theirs and do not change when answers are entered later."""
    questionnaires = list(report.questionnaires.all())
    frozen = frozen_figures(questionnaires, freeze=True)
    return {"questionnaires": {str(pk): figures for pk, figures in frozen.items()}}


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
    """Start a draft report on ``questionnaires``; its address is made from the title."""
    fields = _known(fields)
    fields["slug"] = fields.get("slug") or report_slug(fields.get("title", ""))
    report = AnalysisReport.objects.create(created_by=user, **fields)
    report.questionnaires.set(questionnaires)
    return report


def report_slug(title, *, exclude=None):
    """An address made from ``title`` that no other report uses."""
    others = AnalysisReport.objects.exclude(pk=exclude.pk) if exclude else AnalysisReport.objects
    return slugs.unique_slug(title, others, reserved=RESERVED_SLUGS, fallback="report")


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
    fields = _known(fields)
    title = fields.get("title", report.title)
    # Until the report is first published its address follows its title: nobody has it yet.
    if not fields.get("slug") and report.published_at is None and title != report.title:
        fields["slug"] = report_slug(title, exclude=report)
    for name, value in fields.items():
        setattr(report, name, value)
    report.save()
    if questionnaires is not None:
        report.questionnaires.set(questionnaires)
    _pdf_follows(report, user)
    return report


def _known(fields):
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"Not a report field: {', '.join(sorted(unknown))}")
    return fields


def _pdf_follows(report, user):
    """A published report's PDF is rendered again after a change to what its page shows, so
    that the two agree."""
    if is_public(report):
        request_report_pdf(report, user=user)


def _check_summary(question, answers_summary):
    """Only an open question has a summary of its answers: the report shows no others."""
    if answers_summary and question.kind not in Question.TEXT_KINDS:
        raise ReportError(
            _("Only an open question has a summary of its answers."), field="answers_summary"
        )


@transaction.atomic
def add_item(report, *, question, user, commentary="", answers_summary=""):
    """Show ``question`` in the report, after the questions it shows already."""
    report = AnalysisReport.objects.select_for_update().get(pk=report.pk)
    if not report.questionnaires.filter(sections__questions=question).exists():
        raise ReportError(_("Choose a question of the report's questionnaires."), field="question")
    if report.items.filter(question=question).exists():
        raise ReportError(_("The report shows this question already."), field="question")
    _check_summary(question, answers_summary)
    last = report.items.aggregate(last=Max("position"))["last"]
    item = ReportItem.objects.create(
        report=report,
        question=question,
        commentary=commentary,
        answers_summary=answers_summary,
        position=0 if last is None else last + 1,
    )
    _pdf_follows(report, user)
    return item


@transaction.atomic
def update_item(item, *, commentary, user, answers_summary=""):
    """Change the commentary on a question of the report, and the summary staff wrote of the
    answers to an open question (shown instead of them: what people wrote is never
    published)."""
    _check_summary(item.question, answers_summary)
    item.commentary = commentary
    item.answers_summary = answers_summary
    item.save(update_fields=["commentary", "answers_summary"])
    _pdf_follows(item.report, user)
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
    _pdf_follows(item.report, user)
    return items[other]


@transaction.atomic
def remove_item(item, *, user):
    """Take a question out of the report."""
    item.delete()
    _pdf_follows(item.report, user)


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


def recommendation_change_refusal(report):
    """Why a change the public would see in the report's recommendations (approving one,
    rewording an approved one) is refused now, or "": a published report's page and PDF list
    them as they were when it was published (the register asks, ``sources.change_refusal``)."""
    if not is_public(report):
        return ""
    return _(
        "“%(title)s” is published, and its PDF lists its recommendations as they were then. "
        "To approve or change one, take the report back to a draft, approve or change the "
        "recommendation, then publish the report again: its PDF is made anew."
    ) % {"title": report.title}


def update_report_recommendation(recommendation, *, user, **fields):
    """Change one of the report's recommendations while the register still allows it (not an
    approved one of a published report: ``recommendation_change_refusal``)."""
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
