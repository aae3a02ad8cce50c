"""What the register has waiting for staff (drafts, letters to prepare and to file) and for the
municipality (registry numbers, answers with their due dates, implementation), on the page each
lands on after login. Registered when the app is ready; each section is one query."""

from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.accounts.awaiting import Item, Section

from .models import Recommendation, RegistrySubmission

LIMIT = 50
Status = Recommendation.Status


def _letter_item(letter, detail):
    return Item(title=str(letter), url=letter.get_absolute_url(), detail=detail)


def _recommendation_item(recommendation, detail, **fields):
    return Item(
        title=f"{recommendation.number} {recommendation.title}",
        url=reverse("recommendations:manage", args=[recommendation.pk]),
        detail=detail,
        **fields,
    )


def drafts(user):
    return [
        _recommendation_item(r, r.get_activity_display() or gettext("Several activities"))
        for r in Recommendation.objects.filter(status=Status.DRAFT).order_by("number")[:LIMIT]
    ]


DRAFTS = Section(
    title=_("Draft recommendations to approve"),
    permission="recommendations.approve_recommendation",
    order=10,
    items=drafts,
)


def without_letter(user):
    return [
        _recommendation_item(
            r,
            gettext("Approved on %(date)s")
            % {"date": f"{timezone.localdate(r.approved_at):%d.%m.%Y}"},
        )
        for r in Recommendation.objects.approved().order_by("number")[:LIMIT]
    ]


WITHOUT_LETTER = Section(
    title=_("Approved recommendations not in a letter yet"),
    permission="recommendations.submit_recommendation",
    order=20,
    items=without_letter,
)


def letters_to_file(user):
    letters = RegistrySubmission.objects.prepared().annotate(total=Count("recommendations"))
    return [
        _letter_item(
            letter,
            ngettext("%(count)d recommendation", "%(count)d recommendations", letter.total)
            % {"count": letter.total},
        )
        for letter in letters.order_by("outgoing_date", "pk")[:LIMIT]
    ]


LETTERS_TO_FILE = Section(
    title=_("Letters prepared, to sign and file"),
    permission="recommendations.submit_recommendation",
    order=30,
    items=letters_to_file,
)


def registry_entries(user):
    return [
        _letter_item(letter, gettext("Filed on %(date)s") % {"date": f"{letter.filed_on:%d.%m.%Y}"})
        for letter in RegistrySubmission.objects.without_registry_entry().order_by(
            "filed_on", "pk"
        )[:LIMIT]
    ]


REGISTRY_ENTRIES = Section(
    title=_("Filed letters whose registry number is not recorded"),
    permission="recommendations.record_registry_entry",
    order=70,
    items=registry_entries,
)


def _with_letter(recommendations):
    """``recommendations`` with the number, filing day and answer's due day of their filed
    letter (a recommendation is in one filed letter at most)."""
    letter = RegistrySubmission.objects.filed().filter(recommendations=OuterRef("pk"))
    return recommendations.annotate(
        letter_number=Subquery(letter.values("outgoing_number")[:1]),
        letter_filed_on=Subquery(letter.values("filed_on")[:1]),
        letter_due=Subquery(letter.values("answer_due")[:1]),
    )


def awaiting_answer(user):
    today = timezone.localdate()
    recommendations = _with_letter(Recommendation.objects.awaiting_answer())
    return [
        _recommendation_item(
            r,
            gettext("Letter No. %(number)s, filed on %(date)s")
            % {"number": r.letter_number, "date": f"{r.letter_filed_on:%d.%m.%Y}"},
            due=r.letter_due,
            overdue=r.letter_due < today,
        )
        for r in recommendations.order_by("letter_due", "number")[:LIMIT]
    ]


AWAITING_ANSWER = Section(
    title=_("Filed with the municipality, awaiting its answer"),
    permission="recommendations.record_response",
    order=60,
    description=_("Earliest due first. Record each answer on the recommendation's page."),
    items=awaiting_answer,
)


def awaiting_implementation(user):
    def detail(recommendation):
        if recommendation.status == Status.ANSWERED:
            return gettext("Answered on %(date)s; the decision is still to be recorded") % {
                "date": f"{recommendation.response_date:%d.%m.%Y}"
            }
        return gettext("%(decision)s; %(progress)d%% implemented") % {
            "decision": recommendation.get_status_display(),
            "progress": recommendation.progress,
        }

    recommendations = Recommendation.objects.awaiting_implementation()
    return [
        _recommendation_item(r, detail(r))
        for r in recommendations.order_by("response_date", "number")[:LIMIT]
    ]


AWAITING_IMPLEMENTATION = Section(
    title=_("Answered, implementation still to come"),
    permission="recommendations.record_implementation",
    order=80,
    items=awaiting_implementation,
)
