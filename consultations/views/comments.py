"""Commenting without an account (the form of a section sent from the consultation's page, shown
again here with its errors), the confirmation by the e-mailed link (a page that asks first: a GET
never confirms), the moderation queue that staff work and officials read, and staff entering the
proposals received at meetings, on paper, by phone or by e-mail."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ivanovo_portal import floods
from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.refusals import Refused, apply_form

from .. import comments as selectors
from .. import links
from ..documents import Period
from ..forms.comments import CommentForm, ProposalForm, RejectForm
from ..models import Comment, Consultation
from ..services import comments as services
from ..services.documents import current_version

# The flood count of the comment form.
COMMENT = "consultations.comment"
READ = "consultations.view_comment"
MODERATE = "consultations.moderate_comment"
CORRECT = "consultations.change_comment"
QUEUE_PAGE_SIZE = 25


def _get_public_consultation(slug):
    return get_object_or_404(Consultation.objects.public(), slug=slug)


def _get_consultation_for_reader(slug):
    return get_object_or_404(Consultation, slug=slug)


def _section_of(consultation, key):
    """The section of the current version with ``key``; None for the whole document."""
    if not key:
        return None
    version = current_version(consultation)
    section = version and version.sections.filter(key=key).select_related("version").first()
    if not section:
        raise Http404
    return section


def comment(request, slug):
    """A section (``?section=<key>``, none: the whole document) with its published comments and
    the form; the form is sent here from the consultation's page and shown again with what was
    typed and the messages by their fields."""
    consultation = _get_public_consultation(slug)
    section = _section_of(consultation, request.GET.get("section", ""))
    form = CommentForm(consultation, section, request.POST or None)
    sent = request.method == "POST" and form.is_valid()
    if sent and floods.sender_passes(request, form, COMMENT):
        recorded = apply_form(form, services.comment, consultation, section=section)
        if recorded is not None:
            return redirect("consultations:comment_sent", consultation.slug)
    version = section.version if section else current_version(consultation)
    shown = selectors.comments_by_section(consultation, version) if version else {None: []}
    challenge = floods.challenge_for(request, COMMENT)
    return render(
        request,
        "consultations/comments/comment.html",
        {
            "consultation": consultation,
            "section": section,
            "period": Period.of(consultation),
            "comments": shown.get(section.pk if section else None, []),
            "form": form if form.is_bound or CommentForm.is_open(consultation) else None,
            "proof_of_work": json.dumps(challenge) if challenge else None,
        },
    )


def comment_sent(request, slug):
    """What happens next: the link in the e-mail, then the moderation."""
    consultation = _get_public_consultation(slug)
    return render(
        request,
        "consultations/comments/sent.html",
        {"consultation": consultation, "confirm_days": links.CONFIRM_DAYS},
    )


@never_cache
def comment_confirm(request, token):
    """The confirmation link: the comment and a button; the button confirms. A link used again
    tells that the comment is already confirmed."""
    read = links.read_token(token)
    comments = Comment.objects.select_related("consultation", "section")
    found = comments.filter(pk=read[0]).first() if read else None
    if not found or not found.consultation.is_public():
        raise Http404
    refusal = None
    if request.method == "POST":
        try:
            services.confirm(token)
        except Refused as error:
            refusal = error.message
        else:
            messages.success(request, _("Thank you: your comment is confirmed."))
            return redirect("consultations:comment_confirm", token)
    return render(
        request,
        "consultations/comments/confirm.html",
        {"comment": found, "consultation": found.consultation, "refusal": refusal},
    )


@permission_required(READ)
def moderation(request, slug):
    """The consultation's comments by status, those awaiting moderation first; staff open each
    to publish or reject it, officials to read it."""
    consultation = _get_consultation_for_reader(slug)
    status = request.GET.get("status", Comment.Status.PENDING)
    if status not in Comment.Status.values:
        raise Http404
    page_obj = Paginator(selectors.queue(consultation, status), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "consultations/comments/moderation.html",
        {
            "consultation": consultation,
            "status": status,
            "status_label": Comment.Status(status).label,
            "counts": selectors.status_counts(consultation),
            "page_obj": page_obj,
        },
    )


def _get_comment_for_reader(pk):
    found = selectors.comment_for_reader(pk)
    if found is None:
        raise Http404
    return found


@permission_required(READ)
def moderate(request, pk):
    """A comment with its history; staff publish it or reject it with a reason, officials only
    read."""
    found = _get_comment_for_reader(pk)
    action = request.POST.get("action")
    form = RejectForm(request.POST if action == "reject" else None)
    correction = _correction_form(request, found)
    if request.method == "POST":
        if action == "correct":
            if _corrected(request, found, correction):
                return redirect("consultations:moderate", found.pk)
        elif not request.user.has_perm(MODERATE):
            raise PermissionDenied
        elif _moderated(request, found, form):
            return redirect(
                reverse("consultations:moderation", args=[found.consultation.slug])
                + "?status=pending"
            )
    return render(
        request,
        "consultations/comments/moderate.html",
        {
            "comment": found,
            "consultation": found.consultation,
            "form": form,
            "correction": correction,
            "can_moderate": request.user.has_perm(MODERATE),
            "history": history_of(found),
        },
    )


def _correction_form(request, found):
    """The form correcting a proposal staff entered, for those who may change comments; None
    for an online comment, or once the справка is published."""
    correctable = found.channel != Comment.Channel.ONLINE
    correctable = correctable and found.consultation.statement_published_at is None
    if not correctable or not request.user.has_perm(CORRECT):
        return None
    data = request.POST if request.POST.get("action") == "correct" else None
    consultation = found.consultation
    return ProposalForm(consultation, current_version(consultation), data, proposal=found)


def _corrected(request, found, form):
    if form is None:
        raise PermissionDenied
    if form.is_valid() and apply_form(form, services.update_proposal, found, user=request.user):
        messages.success(request, _("The proposal has been corrected."))
        return True
    return False


def _moderated(request, found, form):
    """Whether the button pressed (publish, or reject with the form) was taken."""
    if request.POST.get("action") == "publish":
        try:
            services.publish_comment(found, user=request.user)
        except Refused as refusal:
            messages.error(request, refusal.message)
            return False
        messages.success(request, _("The comment is published; its author is being told."))
        return True
    if form.is_valid() and apply_form(form, services.reject_comment, found, user=request.user):
        messages.success(request, _("The comment is not published; its author is being told why."))
        return True
    return False


@permission_required("consultations.add_comment")
def proposal_add(request, slug):
    """A proposal made at a meeting, on paper, by phone or by e-mail, entered against a section
    of the current version and published at once."""
    consultation = _get_consultation_for_reader(slug)
    form = ProposalForm(consultation, current_version(consultation), request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal = apply_form(form, services.add_proposal, consultation, user=request.user)
        if proposal is not None:
            messages.success(request, _("The proposal is entered and published."))
            return redirect("consultations:proposal_add", consultation.slug)
    return render(
        request,
        "consultations/comments/proposal_form.html",
        {"consultation": consultation, "form": form},
    )
