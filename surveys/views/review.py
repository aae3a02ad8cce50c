"""Staff review of the responses before publishing: the bursts sent from one address, and
discarding a burst or a single response (a duplicate paper form) with a reason on record."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.refusals import Refused, show_on_form

from .. import review
from ..forms.review import BurstDiscardForm, DiscardForm
from ..models import Response
from ..services import responses
from .loaders import get_questionnaire_for_user

REVIEW = "surveys.change_response"
# Responses listed under each burst; the rest are discarded with the burst.
LISTED_PER_BURST = 100


def _discarded(request, count):
    messages.success(
        request,
        ngettext(
            "%(count)d response discarded: it no longer counts in results and exports.",
            "%(count)d responses discarded: they no longer count in results and exports.",
            count,
        )
        % {"count": count},
    )


def _bursts_page(request, questionnaire, failed=None):
    bursts = review.bursts_of(questionnaire)
    for number, burst in enumerate(bursts, start=1):
        span = {"first": burst.first.isoformat(), "last": burst.last.isoformat()}
        mine = failed is not None and all(failed.data.get(k) == v for k, v in span.items())
        burst.form = failed if mine else BurstDiscardForm(initial=span)
        burst.form.auto_id = f"id_burst{number}_%s"  # one page, many forms
        burst.listed = burst.responses[:LISTED_PER_BURST]
    return render(
        request,
        "surveys/review/bursts.html",
        {
            "questionnaire": questionnaire,
            "bursts": bursts,
            "gap_minutes": int(review.BURST_GAP.total_seconds() // 60),
            "discards": review.discards_of(questionnaire),
        },
    )


@permission_required(REVIEW)
def bursts(request, slug):
    return _bursts_page(request, get_questionnaire_for_user(request.user, slug, REVIEW))


@require_POST
@permission_required(REVIEW)
def discard_burst(request, slug):
    questionnaire = get_questionnaire_for_user(request.user, slug, REVIEW)
    form = BurstDiscardForm(request.POST)
    if form.is_valid():
        burst = review.burst_responses(questionnaire, **form.span())
        try:
            count = responses.discard_responses(
                burst, by=request.user, reason=form.cleaned_data["reason"]
            )
        except Refused as refusal:
            show_on_form(form, refusal)
        else:
            _discarded(request, count)
            return redirect("surveys:bursts", questionnaire.slug)
    return _bursts_page(request, questionnaire, failed=form)


@permission_required(REVIEW)
def discard_response(request, slug, pk):
    """Discard one response, after a look at it: a duplicate paper form, one of a burst."""
    questionnaire = get_questionnaire_for_user(request.user, slug, REVIEW)
    response = get_object_or_404(
        Response.objects.select_related("settlement", "entered_by", "discarded_by"),
        pk=pk,
        questionnaire=questionnaire,
    )
    back = "surveys:entries" if request.GET.get("back") == "entries" else "surveys:bursts"
    form = DiscardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = responses.discard_responses(
                Response.objects.filter(pk=response.pk),
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except Refused as refusal:
            show_on_form(form, refusal)
        else:
            _discarded(request, count)
            return redirect(back, questionnaire.slug)
    return render(
        request,
        "surveys/review/discard.html",
        {
            "questionnaire": questionnaire,
            "response": response,
            "answers": response.answers.select_related(
                "question", "choice", "row", "settlement"
            ).order_by("question__section__position", "question__position", "pk"),
            "form": form,
            "back": back,
        },
    )
