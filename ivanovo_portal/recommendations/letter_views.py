"""The back office of the letters to the municipal registry: prepare, correct or cancel a letter,
record its filing and registry entry (and correct them), keep its files; and the view that
serves those files to whoever may read them."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ivanovo_portal import uploads
from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.refusals import Refused, apply_form

from . import attachments, letters, selectors
from .forms import (
    AttachmentForm,
    CancelLetterForm,
    FilingCorrectionForm,
    FilingForm,
    LetterCorrectionForm,
    LetterForm,
    RegistryEntryForm,
)
from .models import Attachment, RegistrySubmission
from .views import MANAGE_PAGE_SIZE, applied, page_of, step_view

PREPARE = "recommendations.submit_recommendation"
RECORD = "recommendations.record_registry_entry"
CORRECT = "recommendations.correct_registry_entry"


def _attachment_kinds(user, letter):
    """The files this user may attach to ``letter`` now."""
    kinds = []
    if user.has_perm(PREPARE) and letter.status != letter.Status.CANCELLED:
        kinds.append(Attachment.Kind.SIGNED_LETTER)
    if letter.is_filed:
        kinds.append(Attachment.Kind.REPLY)
    return kinds


def _letter_page(request, letter, **forms):
    """The page of one letter with the forms for the steps this user may take now."""
    user = request.user
    if letter.is_prepared and user.has_perm(RECORD):
        forms.setdefault("filing_form", FilingForm())
    if letter.is_prepared and user.has_perm(PREPARE):
        forms.setdefault("cancel_form", CancelLetterForm())
    if letter.is_filed and not letter.has_registry_entry and user.has_perm(RECORD):
        forms.setdefault("entry_form", RegistryEntryForm())
    if letter.is_filed and user.has_perm(CORRECT):
        forms.setdefault("correction_form", FilingCorrectionForm(letter=letter))
    kinds = _attachment_kinds(user, letter)
    if kinds and user.has_perm("recommendations.add_attachment"):
        forms.setdefault("attachment_form", AttachmentForm(kinds=kinds))
    return render(
        request,
        "recommendations/manage/submission.html",
        {
            "submission": letter,
            "recommendations": letter.recommendations.order_by("number"),
            "letter": selectors.letter_of(letter),
            "attachments": selectors.attachments_for(letter, user),
            "can_correct_letter": letter.is_prepared and user.has_perm(PREPARE),
            **forms,
        },
    )


@permission_required("recommendations.view_registrysubmission")
def submission_list(request):
    return render(
        request,
        "recommendations/manage/submission_list.html",
        {"page_obj": page_of(request, selectors.submissions_with_counts(), MANAGE_PAGE_SIZE)},
    )


@permission_required(PREPARE)
def submission_create(request):
    form = LetterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        letter = apply_form(
            form,
            letters.prepare_letter,
            form.cleaned_data.pop("recommendations"),
            user=request.user,
        )
        if letter:
            messages.success(
                request,
                _(
                    "The letter has been prepared; its PDF is being rendered. Print it, sign it "
                    "and file it, then record the filing here."
                ),
            )
            return redirect(letter)
    return render(
        request,
        "recommendations/manage/submission_form.html",
        {"form": form, "has_candidates": form.fields["recommendations"].queryset.exists()},
    )


@permission_required("recommendations.view_registrysubmission")
def submission_detail(request, pk):
    return _letter_page(request, get_object_or_404(RegistrySubmission, pk=pk))


@permission_required(PREPARE)
def submission_correct(request, pk):
    letter = get_object_or_404(RegistrySubmission, pk=pk)
    if not letter.is_prepared:
        messages.error(request, _("Only a letter that has not been filed can be corrected."))
        return redirect(letter)
    form = LetterCorrectionForm(request.POST or None, letter=letter)
    done = _("The letter has been corrected; its PDF is rendered again.")
    if applied(request, form, letters.correct_letter, letter, user=request.user, done=done):
        return redirect(letter)
    return render(
        request,
        "recommendations/manage/submission_correct.html",
        {"form": form, "submission": letter},
    )


_letter_step = partial(
    step_view,
    load=lambda request, pk: get_object_or_404(RegistrySubmission, pk=pk),
    page=_letter_page,
    back=lambda letter: letter,
)
submission_cancel = _letter_step(
    PREPARE,
    CancelLetterForm,
    "cancel_form",
    letters.cancel_letter,
    gettext_lazy("The letter has been cancelled; its recommendations can go into another."),
)
submission_file = _letter_step(
    RECORD,
    FilingForm,
    "filing_form",
    letters.file_letter,
    gettext_lazy("The filing has been recorded; the municipal officials are told by e-mail."),
)
submission_registry_entry = _letter_step(
    RECORD,
    RegistryEntryForm,
    "entry_form",
    letters.record_registry_entry,
    gettext_lazy("The registry entry has been recorded."),
)
submission_correct_filing = _letter_step(
    CORRECT,
    FilingCorrectionForm,
    "correction_form",
    letters.correct_filing,
    gettext_lazy("The correction has been recorded and is shown on the public timeline."),
    letter=lambda request, letter: letter,
)
attachment_add = _letter_step(
    "recommendations.add_attachment",
    AttachmentForm,
    "attachment_form",
    attachments.attach,
    gettext_lazy("The file has been attached to the letter."),
    kinds=lambda request, letter: _attachment_kinds(request.user, letter),
    user=lambda request, letter: request.user,
)


@require_POST
@permission_required("recommendations.change_attachment")
def attachment_publish(request, pk):
    attachment = get_object_or_404(Attachment, pk=pk)
    publish = request.POST.get("is_public") == "1"
    try:
        attachments.set_attachment_public(attachment, is_public=publish, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("The scan is now public.") if publish else _("The scan is now seen only by staff."),
        )
    return redirect(attachment.submission)


def attachment_download(request, pk):
    """A letter's file: to anyone when it is public, otherwise to those who may see private ones."""
    attachment = get_object_or_404(Attachment, pk=pk)
    if not attachment.is_public:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("recommendations.view_attachment"):
            raise PermissionDenied
    return uploads.serve_private(
        attachment.file,
        attachment.original_name,
        content_type=attachment.content_type,
        public=attachment.is_public,
    )
