"""The справка: its page (public once published, the working copy for staff and officials), its
PDF, the decision on each proposal and publishing; the coverage across the settlements."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.refusals import Refused, apply_form

from .. import coverage as coverage_selectors
from ..forms.statement import DecisionForm
from ..models import Comment, Consultation
from ..services import statement as services
from ..statement import due_of, statement_of
from ..statement_pdf import STATEMENT_KIND

READ_ALL = "consultations.view_comment"
PUBLISH = "consultations.moderate_comment"
# Who reads the exact attendance on the coverage page, as on the meetings' own pages.
EXACT = "meetings.view_attendance"


def _get_consultation_for_user(request, slug):
    """A published consultation for anyone; a draft only for those who read every comment."""
    consultation = get_object_or_404(Consultation, slug=slug)
    if not consultation.is_public() and not request.user.has_perm(READ_ALL):
        raise Http404
    return consultation


def _get_proposal_for_decision(request, pk):
    """A published proposal whose decision ``request.user`` may record."""
    comment = get_object_or_404(
        Comment.objects.published().select_related("consultation", "section", "meeting__meeting"),
        pk=pk,
    )
    if not services.may_decide(request.user, comment.consultation):
        raise PermissionDenied
    return comment


def statement(request, slug):
    consultation = _get_consultation_for_user(request, slug)
    working_copy = request.user.has_perm(READ_ALL)
    published = consultation.statement_published_at is not None
    may_publish = request.user.has_perm(PUBLISH)
    return render(
        request,
        "consultations/statement/statement.html",
        {
            "consultation": consultation,
            "statement": statement_of(consultation) if published or working_copy else None,
            "due": due_of(consultation),
            "working_copy": working_copy and not published,
            "may_decide": services.may_decide(request.user, consultation),
            "may_publish": may_publish,
            "document": document_of(consultation, STATEMENT_KIND),
            "history": history_of(consultation, consultation.comments.all())
            if working_copy
            else None,
        },
    )


@permission_required(READ_ALL)
def decide(request, pk):
    comment = _get_proposal_for_decision(request, pk)
    consultation = comment.consultation
    initial = {"decision": comment.decision, "reason": comment.decision_reason}
    form = DecisionForm(request.POST or None, initial=initial)
    back = reverse("consultations:statement", args=[consultation.slug])
    posted = request.method == "POST" and form.is_valid()
    if posted and apply_form(form, services.decide, comment, user=request.user):
        messages.success(request, _("The decision has been recorded."))
        return redirect(f"{back}#proposal-{comment.pk}")
    return render(
        request,
        "consultations/statement/decide.html",
        {"form": form, "proposal": comment, "consultation": consultation, "back": back},
        status=400 if form.is_bound else 200,
    )


def _step(request, slug, service, done):
    """Run a step on the справка; a refusal is shown on its page."""
    consultation = get_object_or_404(Consultation, slug=slug)
    try:
        service(consultation, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)
    return redirect("consultations:statement", consultation.slug)


@require_POST
@permission_required(PUBLISH)
def statement_publish(request, slug):
    return _step(request, slug, services.publish_statement, _("The справка is published."))


@require_POST
@permission_required(PUBLISH)
def statement_pdf(request, slug):
    return _step(request, slug, services.request_statement_pdf, _("The PDF is being generated."))


def coverage(request):
    exact = request.user.has_perm(EXACT)
    return render(
        request,
        "consultations/coverage/coverage.html",
        {"coverage": coverage_selectors.coverage(exact=exact)},
    )
