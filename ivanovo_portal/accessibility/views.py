"""The accessibility statement with its feedback form, and the feedback as staff answer it."""

import json
from datetime import date
from urllib.parse import urlsplit

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal import floods
from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.refusals import Refused, apply_form

from . import services
from .forms import FeedbackForm
from .models import REPLY_DAYS, Feedback

# The day the statement was last reviewed against the portal: change it with every review.
REVIEWED_ON = date(2026, 12, 1)
# The flood count of the feedback form.
FEEDBACK = "accessibility.feedback"


def statement(request):
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid() and floods.sender_passes(request, form, FEEDBACK):
            feedback = apply_form(form, services.submit_feedback, language=get_language())
            if feedback is not None:
                messages.success(
                    request,
                    _("Thank you. We have received your message and will reply by %(date)s.")
                    % {"date": f"{feedback.reply_due:%d.%m.%Y}"},
                )
                return redirect("accessibility:statement")
    else:
        form = FeedbackForm(initial={"page": _page_came_from(request)})
    challenge = floods.challenge_for(request, FEEDBACK)
    return render(
        request,
        "accessibility/statement.html",
        {
            "form": form,
            "proof_of_work": json.dumps(challenge) if challenge else None,
            "reviewed_on": REVIEWED_ON,
            "reply_days": REPLY_DAYS,
        },
    )


def _page_came_from(request):
    """The portal page the visitor followed the footer's link from, to save them typing it."""
    referer = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return ""
    return urlsplit(referer).path


@permission_required("accessibility.view_feedback")
def feedback_detail(request, pk):
    feedback = get_object_or_404(Feedback.objects.select_related("answered_by"), pk=pk)
    return render(request, "accessibility/feedback.html", {"feedback": feedback})


@require_POST
@permission_required("accessibility.change_feedback")
def feedback_answered(request, pk):
    feedback = get_object_or_404(Feedback, pk=pk)
    try:
        services.mark_answered(feedback, user=request.user)
    except Refused as refusal:
        messages.warning(request, refusal.message)
    else:
        messages.success(request, _("Marked as answered."))
    return redirect(feedback)
