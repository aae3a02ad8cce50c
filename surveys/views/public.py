"""The public side of the surveys: the list, a questionnaire's page, answering it page by page.

An attempt at a questionnaire lives in the session until it is submitted (``surveys.attempts``):
its submission key makes a double submit or a reload record one response.
"""

import json

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from ivanovo_portal.activities import overview
from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.project import Activity
from ivanovo_portal.refusals import Refused

from .. import abuse, attempts, selectors
from ..forms import answering
from ..forms.public import ConsentForm, InvitationCodeForm
from ..forms.question_fields import marking_full
from ..models import Channel, Questionnaire
from ..pdf import PAPER_FORM_KIND
from ..services import responses


def index(request):
    context = overview(Activity.SURVEYS) | selectors.questionnaires_for_public()
    return render(request, "surveys/index.html", context)


def _found(selector, slug):
    """What ``selector`` (``public_questionnaire``, ``public_answering``) finds for ``slug``;
    404 when no public questionnaire has it."""
    try:
        return selector(slug)
    except Questionnaire.DoesNotExist:
        raise Http404("No such questionnaire.") from None


def detail(request, slug):
    questionnaire = _found(selectors.public_questionnaire, slug)
    refusal = responses.refusal_for(questionnaire, Channel.ONLINE)
    full = selectors.full_settlements(questionnaire) if not refusal else {}
    if selectors.every_settlement_full(full):
        refusal = _("All the responses needed have been collected: thank you for your interest.")
    attempt = attempts.current(request, questionnaire)
    code_form = None
    if questionnaire.invitation_only and not refusal and not (attempt and attempt.get("invited")):
        code_form = _redeemed_code_form(request, questionnaire)
        if code_form is None:
            return redirect("surveys:answer", questionnaire.slug, 1)
    paper = document_of(questionnaire, PAPER_FORM_KIND)
    context = {
        "questionnaire": questionnaire,
        "refusal": refusal,
        "code_form": code_form,
        "question_count": selectors.question_count(questionnaire),
        "section_count": questionnaire.sections.count(),
        "paper": paper if paper and paper.is_available else None,
        "attempt": attempt,
        "recorded": attempt is None and attempts.was_recorded(request, questionnaire),
        "full_settlements": full.values(),
        "reports": selectors.published_reports_of(questionnaire),
    }
    return render(request, "surveys/answer/detail.html", context)


def _redeemed_code_form(request, questionnaire):
    """The invitation code form; None once a code sent with it is redeemed, which starts an
    attempt holding only that it may be answered once (never the code)."""
    data = request.POST if request.method == "POST" else None
    form = InvitationCodeForm(data, initial={"code": request.GET.get("code", "")})
    if form.is_valid():
        try:
            responses.redeem_invitation(questionnaire, form.cleaned_data["code"])
        except Refused as refusal:
            # Any refusal, the code's or the questionnaire's, is read beside the code.
            form.add_error("code", refusal.message)
        else:
            attempts.start(request, questionnaire, invited=True)
            return None
    return form


# Answering


def answer(request, slug, step=None):
    questionnaire, needs = _found(selectors.public_answering, slug)
    attempt = attempts.current(request, questionnaire)
    opened = request.method != "POST"
    if opened and attempt is None and step and attempts.was_recorded(request, questionnaire):
        # A page of the answers sent from this browser, opened again with its Back button:
        # they are recorded, rather than a new empty form.
        return _already_recorded(questionnaire)
    posted_key = None if opened else attempts.posted_key(request.POST)
    # A form sent again after it was recorded (a double click, a page the browser kept) says
    # so, by its key. The answers of a one-page questionnaire find their response by key when
    # they are submitted (``_submit``); a page of a longer one is looked up here.
    other_key = posted_key and (attempt is None or attempt["key"] != str(posted_key))

    def recorded():
        return other_key and selectors.is_recorded(posted_key)

    refusal = responses.refusal_for(questionnaire, Channel.ONLINE)
    if (refusal or (attempt is None and questionnaire.invitation_only)) and recorded():
        return _already_recorded(questionnaire)
    if refusal:
        messages.error(request, refusal)
        return redirect(questionnaire)
    if attempt is None:
        if questionnaire.invitation_only:
            messages.info(request, _("Enter the code from your invitation slip to begin."))
            return redirect(questionnaire)
        if step is None:
            attempts.start(request, questionnaire)
            return redirect("surveys:answer", questionnaire.slug, 1)
        # An attempt whose session expired keeps the key of its form, and knows that the
        # pages before this one are lost. It is stored only when there is a next page to
        # show, so a one-page answer writes no session until it is recorded.
        attempt = attempts.new(key=posted_key)
        if posted_key and step > 1:
            attempt["resumed"] = True
    if step is None:
        return redirect("surveys:answer", questionnaire.slug, 1)

    sections = needs.sections
    if not sections:
        raise Http404("This questionnaire has no questions.")
    settlements = needs.settlements
    if needs.capped:
        settlements = marking_full(settlements, selectors.full_settlements(questionnaire))
    if not 1 <= step <= len(sections):
        attempts.save(request, questionnaire, attempt)
        return redirect("surveys:answer", questionnaire.slug, 1)
    if len(sections) > 1 and recorded():
        return _already_recorded(questionnaire)
    outcome = _answer_page(request, questionnaire, needs, settlements, step, attempt)
    if not attempt.get("ended"):
        attempts.save(request, questionnaire, attempt)
    return outcome


def _answer_page(request, questionnaire, needs, settlements, step, attempt):
    """Show a page of the questionnaire, or take its answers and go on (``needs``:
    ``selectors.for_answering``, with ``settlements`` marked full where they are)."""
    sections = needs.sections
    section = sections[step - 1]
    asks_consent = step == 1 and bool(questionnaire.consent_text)
    too_long = False
    if request.method == "POST":
        too_long = not attempts.keep_typed(attempt, section, request.POST, settlements=settlements)
        if asks_consent:
            attempts.take_consent(attempt, request.POST)
        if request.POST.get("action") == "back" and step > 1:
            return redirect("surveys:answer", questionnaire.slug, step - 1)
        checked = True
    else:
        checked = attempt.get("show_errors") == step
    data = MultiValueDict(attempt["data"])
    if too_long:  # what could not be kept is shown again as it was sent, to be shortened
        data = MultiValueDict(attempt["data"] | dict(request.POST.lists()))

    is_last = step == len(sections)
    if request.method == "POST" and is_last:
        # The last page checks every page at once, and this page's form is among them.
        collected = answering.collect_answers(
            questionnaire, data, sections=sections, settlements=settlements
        )
        form = collected.forms[step - 1]
    else:
        chosen = answering.answers_before(sections, step - 1, data, settlements=settlements)
        form = answering.build_section_form(
            section, data if checked else None, answers_so_far=chosen, settlements=settlements
        )
        if not checked:
            answering.prefill(form, data)
    consent_form = None
    if asks_consent and checked:
        consent_form = ConsentForm({"consent": "on"} if attempt["consented"] else {})
    elif asks_consent:
        consent_form = ConsentForm(initial={"consent": attempt["consented"]})

    consented = consent_form is None or consent_form.is_valid()
    incomplete = request.method == "POST" and is_last and not (collected.is_valid and consented)
    if incomplete and selectors.is_recorded(attempt["key"]):
        # Sent again, with what the browser had forgotten of it, from a page it kept: those
        # answers were recorded under this key.
        attempts.end(request, questionnaire, attempt, recorded=True)
        return _already_recorded(questionnaire)
    if too_long:
        messages.error(
            request,
            _(
                "Your answers are longer than this site can keep: please shorten the longest "
                "of them and send the page again."
            ),
        )
    elif request.method == "POST" and form.is_valid() and consented:
        if attempt.get("show_errors") == step:
            attempt["show_errors"] = None
        if not is_last:
            return redirect("surveys:answer", questionnaire.slug, step + 1)
        outcome = _submit(request, questionnaire, collected, attempt, needs)
        if outcome is not None:
            return outcome

    return render(
        request,
        "surveys/answer/page.html",
        {
            "questionnaire": questionnaire,
            "section": section,
            "form": form,
            "consent_form": consent_form,
            "step": step,
            "steps": len(sections),
            "attempt": attempt,
            "extra_errors": _consent_errors(consent_form),
            "consent_version": needs.consent if consent_form else None,
            "proof_of_work": _proof_of_work(request, questionnaire) if is_last else None,
        },
    )


def _proof_of_work(request, questionnaire):
    """The challenge the last page carries, as JSON, when this address sends in a burst."""
    challenge = abuse.challenge_for(request, questionnaire)
    return json.dumps(challenge) if challenge else None


def _consent_errors(consent_form):
    if consent_form is None or not consent_form.is_bound or consent_form.is_valid():
        return []
    return [("id_consent", consent_form.errors["consent"][0])]


def _submit(request, questionnaire, collected, attempt, needs):
    """Record the response once every page is checked; None to show the last page's message."""
    needs_consent = bool(questionnaire.consent_text) and not attempt["consented"]
    if not collected.is_valid or needs_consent:
        step = 1 if needs_consent else collected.first_invalid + 1
        if attempt.get("resumed"):
            # The pages before the one sent were lost with the session: the respondent has not
            # seen them since, so they are asked for, not marked wrong.
            attempt["resumed"] = False
            messages.info(
                request,
                _(
                    "Please answer the questions on this page: your answers to them did not "
                    "reach us (perhaps the page was left open for a long time). What you "
                    "answered on the other pages is kept."
                ),
            )
        else:
            attempt["show_errors"] = step
            messages.error(request, _("Some answers on this page need your attention."))
        return redirect("surveys:answer", questionnaire.slug, step)
    key = attempts.key_of(attempt)
    try:
        suspect = abuse.check_sender(request, questionnaire)
        _response, created = responses.submit_response(
            questionnaire,
            collected.answers,
            channel=Channel.ONLINE,
            submission_key=key,
            invited=attempt.get("invited", False),
            consented=attempt["consented"],
            consent_version=selectors.consent_version_agreed(
                questionnaire, attempt.get("consent_version"), current=needs.consent
            ),
            suspect=suspect,
            answering=needs,
        )
    except Refused as refusal:
        if selectors.is_recorded(key):
            # Sent again after it was recorded, and refused now (the consent text or the
            # quotas changed since, or the connection sends in a burst): it was taken once.
            attempts.end(request, questionnaire, attempt, recorded=True)
            return _already_recorded(questionnaire)
        messages.error(request, refusal.message)
        if refusal.field == "consent_version":
            # The text changed since it was agreed to: agree to the text shown now.
            attempt["consented"] = False
            attempt["show_errors"] = 1
            return redirect("surveys:answer", questionnaire.slug, 1)
        if refusal.field == "invited":
            attempts.end(request, questionnaire, attempt)
            return redirect(questionnaire)
        return None
    attempts.end(request, questionnaire, attempt, recorded=True)
    if not created:
        return _already_recorded(questionnaire)
    return redirect("surveys:thanks", questionnaire.slug)


def _already_recorded(questionnaire):
    return redirect(reverse("surveys:thanks", args=[questionnaire.slug]) + "?again=1")


def thanks(request, slug):
    """Thanks for the answers; ``?again=1`` when they were sent again after being recorded."""
    questionnaire = _found(selectors.public_questionnaire, slug)
    context = {"questionnaire": questionnaire, "again": request.GET.get("again") == "1"}
    return render(request, "surveys/answer/thanks.html", context)
