"""Staff pages for answers that do not come through the browser: paper forms and interviews typed
in, the printable questionnaire, and invitation codes with their slips."""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.refusals import Refused, apply_form, show_on_form

from .. import selectors
from ..forms import answering
from ..forms.entry import EntryForm, InvitationBatchForm, SlipsForm
from ..models import Channel, Questionnaire
from ..pdf import INVITATION_SLIPS_KIND, PAPER_FORM_KIND
from ..services import responses
from .loaders import get_questionnaire_for_user

ENTER = "surveys.enter_paper_response"
MANAGE = "surveys.change_questionnaire"
ENTRIES_PAGE_SIZE = 50


def _get_questionnaire_for_entry(user, slug):
    """A questionnaire ``user`` may enter answers for: any but a draft."""
    questionnaire = get_questionnaire_for_user(user, slug, ENTER)
    if questionnaire.status == Questionnaire.Status.DRAFT:
        raise Http404
    return questionnaire


@permission_required(ENTER)
def entry(request, slug):
    questionnaire = _get_questionnaire_for_entry(request.user, slug)
    needs = selectors.for_answering(questionnaire)
    if request.method == "POST":
        entry_form = EntryForm(request.POST, questionnaire=questionnaire)
        collected = answering.collect_answers(
            questionnaire,
            request.POST,
            sections=needs.sections,
            settlements=needs.settlements,
            on_paper=True,
        )
        # An answer against a condition may be a slip of the keyboard or what the resident
        # wrote: staff check the paper form before it is kept (apart, uncounted).
        if collected.outside and not entry_form["keep_outside"].value():
            answering.flag_outside(collected)
        if entry_form.is_valid() and collected.is_valid:
            saved = _save(request, questionnaire, entry_form, collected, needs)
            if saved is not None:
                return saved
    else:
        entry_form = EntryForm(
            initial={"submission_key": uuid.uuid4()}, questionnaire=questionnaire
        )
        collected = None
    forms_ = collected.forms if collected else _empty_forms(needs)
    return render(
        request,
        "surveys/entry/entry.html",
        {
            "questionnaire": questionnaire,
            "entry_form": entry_form,
            "section_forms": forms_,
            "error_items": collected.error_items if collected else [],
            "entry_errors": _entry_errors(entry_form),
            "outside": collected.outside if collected else [],
            "paper": document_of(questionnaire, PAPER_FORM_KIND),
            "entered_count": questionnaire.responses.exclude(channel=Channel.ONLINE).count(),
        },
    )


def _entry_errors(entry_form):
    """The messages about the form itself (its number, its date) for the summary at the top of
    the page, each with the id of its field."""
    return [
        (entry_form[name].id_for_label, f"{entry_form[name].label} — {entry_form.errors[name][0]}")
        for name in ("form_number", "filled_on")
        if entry_form.is_bound and name in entry_form.errors
    ]


def _empty_forms(needs):
    return [answering.build_section_form(s, settlements=needs.settlements) for s in needs.sections]


def _save(request, questionnaire, entry_form, collected, needs):
    """Record the typed-in form; None (with the message by its field) when it is refused
    (``needs``: ``selectors.for_answering``)."""
    data = entry_form.cleaned_data
    try:
        response, _created = responses.submit_response(
            questionnaire,
            collected.answers,
            channel=data["channel"],
            submission_key=data["submission_key"],
            entered_by=request.user,
            form_number=data["form_number"],
            filled_on=data["filled_on"],
            outside_conditions=collected.outside_conditions(),
            consented=data["consented"],
            # The form was printed with the text in use now.
            consent_version=needs.consent,
            answering=needs,
        )
    except Refused as refusal:
        show_on_form(entry_form, refusal)
        return None
    if response.form_number:
        messages.success(request, _("Form № %(number)s saved.") % {"number": response.form_number})
    else:
        messages.success(request, _("The interview has been saved."))
    if response.outside_conditions:
        messages.warning(
            request,
            _(
                "Kept with the form as written, and not counted: the answers to %(codes)s, "
                "which its other answers rule out."
            )
            % {"codes": ", ".join(item["code"] for item in response.outside_conditions)},
        )
    # Answers given on paper or in an interview are kept, but staff should know.
    beyond = selectors.past_cap(response)
    if beyond:
        settlement, taken, target = beyond
        messages.warning(
            request,
            _(
                "%(settlement)s already had all the responses needed: it now has %(taken)d, "
                "against a target of %(target)d that stops answers online."
            )
            % {"settlement": settlement, "taken": taken, "target": target},
        )
    return redirect("surveys:entry", questionnaire.slug)


@permission_required(ENTER)
def entries(request, slug):
    questionnaire = _get_questionnaire_for_entry(request.user, slug)
    entered = selectors.entered_responses(questionnaire)
    page = Paginator(entered, ENTRIES_PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.counts_by_channel_and_settlement(questionnaire)
    return render(
        request,
        "surveys/entry/entries.html",
        {"questionnaire": questionnaire, "page": page, "counts": counts},
    )


@require_POST
@permission_required(ENTER)
def paper_form(request, slug):
    """Queue the printable questionnaire. Drafts too, from the builder, to try it on paper."""
    questionnaire = get_questionnaire_for_user(request.user, slug, ENTER)
    request_document(questionnaire, PAPER_FORM_KIND, user=request.user)
    messages.info(request, _("The printable questionnaire is being prepared."))
    if questionnaire.status == Questionnaire.Status.DRAFT:
        return redirect("surveys:builder", questionnaire.slug)
    return redirect("surveys:entry", questionnaire.slug)


@permission_required(MANAGE)
def invitations(request, slug):
    questionnaire = get_questionnaire_for_user(request.user, slug, MANAGE)
    form = InvitationBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = apply_form(form, responses.create_invitations, questionnaire)
        if created is not None:
            request_document(created[0].batch, INVITATION_SLIPS_KIND, user=request.user)
            messages.success(
                request,
                _("%(count)d codes made in batch “%(batch)s”; the slips are being prepared.")
                % {"count": len(created), "batch": form.cleaned_data["label"]},
            )
            return redirect("surveys:invitations", questionnaire.slug)
    return render(
        request,
        "surveys/entry/invitations.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "batches": selectors.invitation_batches_of(questionnaire),
        },
    )


@require_POST
@permission_required(MANAGE)
def invitation_slips(request, slug):
    """Prepare the slips of the batch sent (``batch``) again, for its codes still unused."""
    questionnaire = get_questionnaire_for_user(request.user, slug, MANAGE)
    form = SlipsForm(request.POST, questionnaire=questionnaire)
    if not form.is_valid():
        raise Http404("No such batch of codes.")
    request_document(form.cleaned_data["batch"], INVITATION_SLIPS_KIND, user=request.user)
    messages.info(request, _("The slips are being prepared."))
    return redirect("surveys:invitations", questionnaire.slug)
