"""Reads of the surveys: the staff's lists, a questionnaire's structure (and what the answering
pages keep of it while it is unchanged), the quotas that are full, invitation batches, reports.
The bursts staff review are in ``surveys.review``, figures and results in ``surveys.results``."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.pagecache import tables as page_tables
from ivanovo_portal.places.models import Settlement

from . import pdf
from .kinds import kinds_where
from .models import (
    AnalysisReport,
    Answer,
    Channel,
    Choice,
    MatrixRow,
    Question,
    Questionnaire,
    Quota,
    Response,
)

# Questionnaires and their structure


def questionnaires_for_staff():
    """Every questionnaire with its number of responses, for the staff's list (one query)."""
    return Questionnaire.objects.annotate(responses_count=Count("responses"))


def structure_of(questionnaire):
    """The questionnaire's sections with their questions, options, rows and conditions, in order;
    each question knows whether it has been answered (``answered``)."""
    questions = (
        Question.objects.annotate(answered=Exists(Answer.objects.filter(question=OuterRef("pk"))))
        .select_related("condition_question")
        .prefetch_related("choices", "rows", "condition_choices")
    )
    return list(
        questionnaire.sections.prefetch_related(
            Prefetch("questions", queryset=questions.order_by("position", "pk"))
        )
    )


def questionnaires_for_public():
    """The public's lists: open, upcoming, with results (not open), and the published reports."""
    public = Questionnaire.objects.public().order_by("closes_at", "title")
    open_now = public.open()
    return {
        "open_questionnaires": open_now,
        "upcoming_questionnaires": public.upcoming().order_by("opens_at", "title"),
        "results_questionnaires": public.filter(results_published=True).exclude(
            pk__in=open_now.values("pk")
        ),
        "reports": AnalysisReport.objects.published().order_by("-published_at"),
    }


def is_recorded(submission_key):
    """Whether a response was recorded under ``submission_key`` (a form sent again)."""
    return Response.objects.filter(submission_key=submission_key).exists()


def question_count(questionnaire):
    return Question.objects.filter(section__questionnaire=questionnaire).count()


def published_reports_of(questionnaire):
    return questionnaire.reports.published().order_by("-published_at")


def questions_with_free_text():
    """The questions respondents write words to: open ones, and choices with “other”."""
    open_kinds = kinds_where(lambda kind: kind.text)
    return Question.objects.filter(Q(kind__in=open_kinds) | Q(allow_other=True))


def has_responses(questionnaire):
    """Whether anyone has answered the questionnaire yet (online, on paper or in an interview)."""
    return Response.objects.filter(questionnaire=questionnaire).exists()


def load_sections(questionnaire):
    """The questionnaire's sections with their questions, options, matrix rows and conditions,
    in five queries, kept as plain lists (``section.question_list``, ``question.choice_list``,
    ``question.row_list``, ``question.condition_choice_list``): a page with 30 questions reads
    them hundreds of times."""
    sections = list(questionnaire.sections.all())
    in_questionnaire = {"question__section__questionnaire": questionnaire}
    questions = list(
        Question.objects.filter(section__questionnaire=questionnaire).select_related(
            "condition_question"
        )
    )
    choices, rows, conditions = defaultdict(list), defaultdict(list), defaultdict(list)
    choice_by_id = {}
    for choice in Choice.objects.filter(**in_questionnaire):
        choices[choice.question_id].append(choice)
        choice_by_id[choice.pk] = choice
    for row in MatrixRow.objects.filter(**in_questionnaire):
        rows[row.question_id].append(row)
    through = Question.condition_choices.through.objects.filter(**in_questionnaire)
    for question_id, choice_id in through.values_list("question_id", "choice_id"):
        if choice_id in choice_by_id:
            conditions[question_id].append(choice_by_id[choice_id])
    by_section = defaultdict(list)
    for question in questions:
        question.choice_list = choices[question.pk]
        question.row_list = rows[question.pk]
        question.condition_choice_list = sorted(
            conditions[question.pk], key=lambda c: (c.position, c.pk)
        )
        by_section[question.section_id].append(question)
    for section in sections:
        section.question_list = by_section[section.pk]
    return sections


# The answering pages read the same questionnaire on every request: each process keeps its row and
# what they need of it for as long as no table it was read from has been written
# (``pagecache.tables.in_memory``: every write, wherever it runs, gives its table a new version
# when it commits), so that a change staff make shows on the very next request.


def public_questionnaire(slug):
    """The questionnaire ``slug`` the public sees, without the figures frozen for its results
    (large, and not read while answering). Raises ``Questionnaire.DoesNotExist``: only a
    questionnaire that exists is kept."""
    return page_tables.in_memory(("surveys.questionnaire", slug), lambda: _public(slug))


def public_answering(slug):
    """``public_questionnaire(slug)`` and its ``Answering``, for the answering pages: one check
    that neither changed, where asking for each would make two."""

    def load():
        questionnaire = _public(slug)
        return questionnaire, _answering(questionnaire)

    key = ("surveys.public_answering", slug, translation.get_language())
    return page_tables.in_memory(key, load)


def _public(slug):
    return Questionnaire.objects.public().defer("public_figures").get(slug=slug)


@dataclass(frozen=True)
class Answering:
    """What answering a questionnaire needs besides its own row: its sections as
    ``load_sections`` gives them, the settlements as ``settlement_choices`` does, the settlements
    whose quota stops online answers at its target (``capped``), and the version of the consent
    text shown now (``consent``, None when none is asked)."""

    sections: list
    settlements: list
    capped: frozenset
    consent: object


def for_answering(questionnaire):
    """``Answering`` for ``questionnaire``, read from the database only when it changed (the
    settlements' names are in the language of the request)."""
    return page_tables.in_memory(
        ("surveys.answering", questionnaire.pk, translation.get_language()),
        lambda: _answering(questionnaire),
        made_for=questionnaire.updated_at,
    )


def _answering(questionnaire):
    return Answering(
        sections=load_sections(questionnaire),
        settlements=settlement_choices(),
        capped=frozenset(
            questionnaire.quotas.filter(cap=True).values_list("settlement", flat=True)
        ),
        consent=current_consent(questionnaire),
    )


def section_questions(section):
    """The section's questions: the list ``load_sections`` made, or read now."""
    if not hasattr(section, "question_list"):
        section.question_list = list(section.questions.all())
    return section.question_list


def choices_of(question):
    if not hasattr(question, "choice_list"):
        question.choice_list = list(question.choices.all())
    return question.choice_list


def rows_of(question):
    if not hasattr(question, "row_list"):
        question.row_list = list(question.rows.all())
    return question.row_list


def condition_choices_of(question):
    if not hasattr(question, "condition_choice_list"):
        question.condition_choice_list = list(question.condition_choices.all())
    return question.condition_choice_list


def settlement_choices():
    """The 13 settlements as (id, name) pairs, in their official order."""
    return [(s.pk, s.display_name) for s in Settlement.objects.order_by("position", "name")]


# Consent


def current_consent(questionnaire):
    """The version of the consent text respondents are shown now; None when none is asked."""
    if not questionnaire.consent_text:
        return None
    return questionnaire.consent_versions.order_by("-version").first()


def consent_versions(questionnaire):
    """Every version of the questionnaire's consent text, the latest first."""
    return questionnaire.consent_versions.order_by("-version")


def consent_version_agreed(questionnaire, pk, *, current):
    """The version of the questionnaire's consent text with the id ``pk``, or None; ``current``
    is the version shown now (``current_consent``), the one nearly everyone agreed to."""
    if not pk:
        return None
    if current is not None and current.pk == pk:
        return current
    return questionnaire.consent_versions.filter(pk=pk).first()


# Quotas


def counted_in_settlement(questionnaire, settlement):
    """The counted responses to ``questionnaire`` from ``settlement``."""
    return Response.objects.counted().filter(questionnaire=questionnaire, settlement=settlement)


def full_settlements(questionnaire):
    """The settlements whose quota stops at its target and has reached it, in their official
    order: {settlement id: name} (one query)."""
    taken = (
        counted_in_settlement(OuterRef("questionnaire"), OuterRef("settlement"))
        .order_by()
        .values("settlement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    full = (
        Quota.objects.filter(questionnaire=questionnaire, cap=True)
        .annotate(taken=Coalesce(Subquery(taken), 0))
        .filter(taken__gte=F("target"))
        .select_related("settlement")
    )
    return {quota.settlement_id: quota.settlement.display_name for quota in full}


def every_settlement_full(full):
    """Whether ``full`` (from ``full_settlements``) leaves no settlement to answer from."""
    return bool(full) and len(full) >= Settlement.objects.count()


def past_cap(response):
    """(settlement name, responses counted, target) when the recorded ``response`` took its
    settlement beyond a quota that stops at its target; None otherwise."""
    quota = (
        Quota.objects.filter(
            questionnaire=response.questionnaire, settlement=response.settlement_id, cap=True
        )
        .select_related("settlement")
        .first()
    )
    if quota is None:
        return None
    taken = counted_in_settlement(response.questionnaire, response.settlement_id).count()
    return (quota.settlement.display_name, taken, quota.target) if taken > quota.target else None


# Invitations and reports


def invitation_batches_of(questionnaire):
    """The questionnaire's batches, newest first, each with its codes counted (``total``,
    ``used``) and its slips' document, if any (``slips``): three queries."""
    batches = list(
        questionnaire.invitation_batches.annotate(
            total=Count("codes"), used=Count("codes", filter=Q(codes__used_on__isnull=False))
        )
        .order_by("-created_at", "-pk")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=GeneratedDocument.objects.filter(kind=pdf.INVITATION_SLIPS_KIND),
                to_attr="slips_documents",
            )
        )
    )
    for batch in batches:
        batch.slips = next(iter(batch.slips_documents), None)
    return batches


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
            kind=pdf.REPORT_KIND,
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


# Paper entry


def entered_responses(questionnaire):
    """The responses staff typed in (paper forms and interviews), the latest first."""
    return (
        Response.objects.filter(questionnaire=questionnaire)
        .exclude(channel=Channel.ONLINE)
        .select_related("entered_by", "settlement", "discarded_by")
        .order_by("-submitted_at")
    )


def counts_by_channel_and_settlement(questionnaire):
    """The counted responses per settlement, in their official order, by channel."""
    return (
        Response.objects.counted()
        .filter(questionnaire=questionnaire)
        .values("settlement__name", "settlement__position")
        .annotate(
            online=Count("pk", filter=Q(channel=Channel.ONLINE)),
            paper=Count("pk", filter=Q(channel=Channel.PAPER)),
            interview=Count("pk", filter=Q(channel=Channel.INTERVIEW)),
        )
        .order_by("settlement__position")
    )
