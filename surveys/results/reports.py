"""What an analysis report's page and PDF show: its methodology, its questions' results as the
public may see them, its recommendations. Publishing keeps the counts behind it
(``AnalysisReport.figures``, from ``report_figures``): a published report, which may have been filed
at the municipal registry, does not change when answers are entered later."""

from dataclasses import dataclass

from ..models import AnalysisReport, ReportItem
from . import disclosure
from .figures import ordered_questions
from .methodology import (
    Methodology,
    frozen_figures,
    methodology_for,
    sample_of,
    withhold_methodology,
)


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
    question_list = ordered_questions(questionnaires, only=[item.question_id for item in items])
    if report.figures is not None and "questionnaires" in report.figures:
        frozen = {int(pk): figures for pk, figures in report.figures["questionnaires"].items()}
    else:
        frozen = frozen_figures(questionnaires, freeze=report.is_public())
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


def report_figures(report):
    """What a report keeps when it is published: the figures of its questionnaires as the
    public sees them (frozen now for those never published), so that its page and PDF agree
    with theirs and do not change when answers are entered later."""
    questionnaires = list(report.questionnaires.all())
    frozen = frozen_figures(questionnaires, freeze=True)
    return {"questionnaires": {str(pk): figures for pk, figures in frozen.items()}}
