"""The municipality's right of reply: an official's rounds in right of reply, their draft findings
and the reply to each."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.refusals import apply_form

from ..access import may_reply
from ..forms.replies import ReplyForm
from ..models import Reply, Round
from ..selectors import rounds as selectors
from ..services import replies

REPLY = "monitoring.reply_finding"


def _get_round_for_official(user, slug):
    """A round in its right of reply for those who answer for the municipality: 404 for any other
    round, whose findings are not the municipality's to see."""
    round_ = get_object_or_404(Round, slug=slug, status=Round.Status.REPLY)
    if not may_reply(user, round_):
        raise PermissionDenied
    return round_


@permission_required(REPLY)
def reply_list(request):
    return render(request, "monitoring/replies/list.html", {"rounds": selectors.rounds_in_reply()})


@permission_required(REPLY)
def reply_round(request, slug):
    round_ = _get_round_for_official(request.user, slug)
    return render(
        request,
        "monitoring/replies/round.html",
        {
            "round": round_,
            "findings": selectors.findings_for_reply(round_),
            "past_deadline": replies.past_deadline(round_),
        },
    )


@permission_required(REPLY)
def reply(request, slug, pk):
    round_ = _get_round_for_official(request.user, slug)
    observation = selectors.finding_for_reply(round_, pk)
    if observation is None:
        raise Http404
    given = Reply.objects.filter(observation=observation).first()
    form = ReplyForm(request.POST or None, initial={"text": given.text if given else ""})
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, replies.answer, observation, user=request.user)
    ):
        messages.success(request, _("The reply has been saved."))
        return redirect("monitoring:reply_round", slug)
    return render(
        request,
        "monitoring/replies/reply.html",
        {
            "round": round_,
            "observation": observation,
            "given": given,
            "editable": given is None or not replies.past_deadline(round_),
            "form": form,
        },
    )
