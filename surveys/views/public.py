"""The public side of the surveys: the list, a questionnaire's page, answering it page by page.

An attempt at a questionnaire lives in the session until it is submitted: its submission key
(made when it starts, sent back with every page), what was typed on each page, the consent and the
invitation code. The key makes a double submit or a reload record one response.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from ivanovo_portal.activities import overview
from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.project import Activity

from .. import answering, services
from ..forms_answering import ConsentForm, InvitationCodeForm
from ..models import AnalysisReport, Channel, InvitationCode, Question, Questionnaire, Response
from ..paper import PAPER_FORM_KIND

ATTEMPTS = "survey_attempts"


def index(request):
    public = Questionnaire.objects.public().order_by("closes_at", "title")
    open_now = public.open()
    context = overview(Activity.SURVEYS) | {
        "open_questionnaires": open_now,
        "upcoming_questionnaires": public.upcoming().order_by("opens_at", "title"),
        "results_questionnaires": public.filter(results_published=True).exclude(
            pk__in=open_now.values("pk")
        ),
        "reports": AnalysisReport.objects.published().order_by("-published_at"),
    }
    return render(request, "surveys/index.html", context)


def _public_questionnaire(slug):
    return get_object_or_404(Questionnaire.objects.public(), slug=slug)


def detail(request, slug):
    questionnaire = _public_questionnaire(slug)
    refusal = services.refusal_for(questionnaire, Channel.ONLINE)
    code_form = None
    if questionnaire.invitation_only and not refusal:
        data = request.POST if request.method == "POST" else None
        initial = {"code": request.GET.get("code", "")}
        code_form = InvitationCodeForm(data, initial=initial, questionnaire=questionnaire)
        if code_form.is_valid():
            _start_attempt(request, questionnaire, invitation=code_form.invitation)
            return redirect("surveys:answer", questionnaire.slug, 1)
    paper = document_of(questionnaire, PAPER_FORM_KIND)
    context = {
        "questionnaire": questionnaire,
        "refusal": refusal,
        "code_form": code_form,
        "question_count": Question.objects.filter(section__questionnaire=questionnaire).count(),
        "section_count": questionnaire.sections.count(),
        "paper": paper if paper and paper.is_ready else None,
        "attempt": _attempt(request, questionnaire),
        "reports": questionnaire.reports.published().order_by("-published_at"),
    }
    return render(request, "surveys/answer/detail.html", context)


# The attempt in the session


def _attempts(request):
    return request.session.get(ATTEMPTS, {})


def _attempt(request, questionnaire):
    return _attempts(request).get(str(questionnaire.pk))


def _save_attempt(request, questionnaire, attempt):
    attempts = _attempts(request)
    attempts[str(questionnaire.pk)] = attempt
    request.session[ATTEMPTS] = attempts


def _new_attempt(*, invitation=None, key=None):
    return {
        "key": str(key or uuid.uuid4()),
        "data": {},
        "consented": False,
        "invitation": invitation.pk if invitation else None,
        "show_errors": None,
    }


def _start_attempt(request, questionnaire, *, invitation=None):
    attempt = _new_attempt(invitation=invitation)
    _save_attempt(request, questionnaire, attempt)
    return attempt


def _end_attempt(request, questionnaire, attempt):
    attempt["ended"] = True
    attempts = _attempts(request)
    if attempts.pop(str(questionnaire.pk), None) is not None:
        request.session[ATTEMPTS] = attempts


def _posted_key(request):
    try:
        return uuid.UUID(request.POST.get("submission_key", ""))
    except ValueError:
        return None


# Answering


def answer(request, slug, step=None):
    questionnaire = _public_questionnaire(slug)
    attempt = _attempt(request, questionnaire)
    posted_key = _posted_key(request) if request.method == "POST" else None
    # A form sent again after it was recorded (a double click, a reload) ends on the thank-you
    # page. The answers of a one-page questionnaire find their response by key in
    # submit_response; otherwise the key is looked up here.
    other_key = posted_key and (attempt is None or attempt["key"] != str(posted_key))

    def recorded():
        return other_key and Response.objects.filter(submission_key=posted_key).exists()

    refusal = services.refusal_for(questionnaire, Channel.ONLINE)
    if (refusal or (attempt is None and questionnaire.invitation_only)) and recorded():
        return redirect("surveys:thanks", questionnaire.slug)
    if refusal:
        messages.error(request, refusal)
        return redirect(questionnaire)
    if attempt is None:
        if questionnaire.invitation_only:
            messages.info(request, _("Enter the code from your invitation slip to begin."))
            return redirect(questionnaire)
        # A new attempt; one whose session expired keeps the key of its form. It is stored
        # only when there is a next page to show, so a one-page answer writes no session.
        attempt = _new_attempt(key=posted_key)
    if step is None:
        _save_attempt(request, questionnaire, attempt)
        return redirect("surveys:answer", questionnaire.slug, 1)

    sections, settlements = answering.cached_sections(questionnaire)
    if not sections:
        raise Http404("This questionnaire has no questions.")
    if not 1 <= step <= len(sections):
        _save_attempt(request, questionnaire, attempt)
        return redirect("surveys:answer", questionnaire.slug, 1)
    if len(sections) > 1 and recorded():
        return redirect("surveys:thanks", questionnaire.slug)
    outcome = _answer_page(request, questionnaire, sections, settlements, step, attempt)
    if not attempt.get("ended"):
        _save_attempt(request, questionnaire, attempt)
    return outcome


def _answer_page(request, questionnaire, sections, settlements, step, attempt):
    """Show a page of the questionnaire, or take its answers and go on."""
    section = sections[step - 1]
    asks_consent = step == 1 and bool(questionnaire.consent_text)
    if request.method == "POST":
        _keep_typed(attempt, section, request.POST)
        if asks_consent:
            attempt["consented"] = request.POST.get("consent") == "on"
        if request.POST.get("action") == "back" and step > 1:
            return redirect("surveys:answer", questionnaire.slug, step - 1)
        checked = True
    else:
        checked = attempt.get("show_errors") == step
    data = MultiValueDict(attempt["data"])

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
    if request.method == "POST" and form.is_valid() and consented:
        if attempt.get("show_errors") == step:
            attempt["show_errors"] = None
        if not is_last:
            return redirect("surveys:answer", questionnaire.slug, step + 1)
        outcome = _submit(request, questionnaire, collected, attempt)
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
        },
    )


def _consent_errors(consent_form):
    if consent_form is None or not consent_form.is_bound or consent_form.is_valid():
        return []
    return [("id_consent", consent_form.errors["consent"][0])]


def _keep_typed(attempt, section, posted):
    """Replace what the attempt holds for this page with what was just sent."""
    stored = attempt["data"]
    for name in answering.field_names_of(section, stored):
        del stored[name]
    for name in answering.field_names_of(section, posted):
        stored[name] = posted.getlist(name)


def _submit(request, questionnaire, collected, attempt):
    """Record the response once every page is checked; None to show the last page's message."""
    needs_consent = bool(questionnaire.consent_text) and not attempt["consented"]
    if not collected.is_valid or needs_consent:
        step = 1 if needs_consent else collected.first_invalid + 1
        attempt["show_errors"] = step
        messages.error(request, _("Some answers on this page need your attention."))
        return redirect("surveys:answer", questionnaire.slug, step)
    invitation = None
    if attempt["invitation"]:
        invitation = InvitationCode.objects.filter(pk=attempt["invitation"]).first()
    try:
        services.submit_response(
            questionnaire,
            collected.answers,
            channel=Channel.ONLINE,
            submission_key=uuid.UUID(attempt["key"]),
            invitation=invitation,
            consented=attempt["consented"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        if getattr(error, "code", None) == "changed":
            answering.forget_sections(questionnaire)
        if getattr(error, "code", None) == "code":
            _end_attempt(request, questionnaire, attempt)
            return redirect(questionnaire)
        return None
    _end_attempt(request, questionnaire, attempt)
    return redirect("surveys:thanks", questionnaire.slug)


def thanks(request, slug):
    questionnaire = _public_questionnaire(slug)
    return render(request, "surveys/answer/thanks.html", {"questionnaire": questionnaire})
