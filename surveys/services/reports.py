"""Analysis reports: composing them, their recommendations, publishing them; each operation is one
transaction. What a report shows is in ``surveys.results.reports``, its PDF in ``surveys.pdf``."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import slugs
from ivanovo_portal.audit.services import changed, log_action, tracked
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.refusals import Refused

from ..kinds import kind_of
from ..models import AnalysisReport, ReportItem
from ..pdf import REPORT_KIND
from ..results.reports import report_figures

REPORT_FIELDS = ("title", "slug", "introduction", "methodology_note", "conclusions")
# What the history shows changing when a report is published or taken back.
RECORDED_FIELDS = ("status", "published_at")
# Words that the report pages' own addresses use after "reports/".
RESERVED_SLUGS = frozenset({"new"})


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
        and report.is_public()
        and {q.pk for q in questionnaires} != {q.pk for q in report.questionnaires.all()}
    ):
        raise Refused(
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
            raise Refused(
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
    if report.is_public():
        request_report_pdf(report, user=user)


def _check_summary(question, answers_summary):
    """Only an open question has a summary of its answers: the report shows no others."""
    if answers_summary and not kind_of(question).text:
        raise Refused(
            _("Only an open question has a summary of its answers."), field="answers_summary"
        )


@transaction.atomic
def add_item(report, *, question, user, commentary="", answers_summary=""):
    """Show ``question`` in the report, after the questions it shows already."""
    report = AnalysisReport.objects.select_for_update().get(pk=report.pk)
    if not report.questionnaires.filter(sections__questions=question).exists():
        raise Refused(_("Choose a question of the report's questionnaires."), field="question")
    if report.items.filter(question=question).exists():
        raise Refused(_("The report shows this question already."), field="question")
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
def publish(report, *, user, at=None):
    """Make the report public, dated ``at`` (now unless told), with its figures as they stand:
    answers entered later do not change a report that may have been filed already. Its PDF is
    rendered afresh, so that no draft's PDF goes public."""
    before = tracked(report, RECORDED_FIELDS)
    now = timezone.now()
    AnalysisReport.objects.filter(pk=report.pk).update(
        status=AnalysisReport.Status.PUBLISHED,
        published_at=at or now,
        figures=report_figures(report),
        updated_at=now,
    )
    report.refresh_from_db()
    log_action(report, "report.published", user=user, changes=changed(before, report))
    request_report_pdf(report, user=user)
    return report


@transaction.atomic
def unpublish(report, *, user):
    """Take the report back to a draft, hidden from the public and counting afresh."""
    before = tracked(report, RECORDED_FIELDS)
    AnalysisReport.objects.filter(pk=report.pk).update(
        status=AnalysisReport.Status.DRAFT,
        published_at=None,
        figures=None,
        updated_at=timezone.now(),
    )
    report.refresh_from_db()
    log_action(report, "report.unpublished", user=user, changes=changed(before, report))
    return report


def request_report_pdf(report, *, user):
    """Queue (again) the rendering of the report's PDF."""
    return request_document(report, REPORT_KIND, user=user, title=report.title)
