"""The staff's questionnaire builder: the list, the structure of one questionnaire, the forms for
its parts, quotas, status changes, copying and the preview. Every change goes through
``surveys.services``; a refusal is shown beside its field or at the top of the page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.refusals import Refused, apply_form, show_on_form

from .. import review, selectors
from ..forms.answering import build_section_form
from ..forms.builder import (
    KindForm,
    OpenForm,
    QuestionForm,
    QuestionnaireForm,
    QuotaForm,
    SectionForm,
)
from ..models import Question, Questionnaire, Section
from ..pdf import PAPER_FORM_KIND
from ..services import questionnaires, structure
from .loaders import get_questionnaire_for_user

ADD = "surveys.add_questionnaire"
CHANGE = "surveys.change_questionnaire"


def _get_part(model, questionnaire, pk):
    """A section or question of ``questionnaire``, or 404."""
    lookup = "questionnaire" if model is Section else "section__questionnaire"
    return get_object_or_404(model, pk=pk, **{lookup: questionnaire})


def _press(request, service, *args, done, **kwargs):
    """Run a service for a POST button; its refusal becomes a message at the top of the page."""
    try:
        result = service(*args, **kwargs)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return None
    messages.success(request, done)
    return result


@permission_required(CHANGE)
def manage(request):
    return render(
        request,
        "surveys/builder/manage.html",
        {"questionnaires": selectors.questionnaires_for_staff()},
    )


@permission_required(ADD)
def questionnaire_create(request):
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        questionnaire = questionnaires.create_questionnaire(user=request.user, **form.cleaned_data)
        messages.success(request, _("The questionnaire has been created as a draft."))
        return redirect("surveys:builder", questionnaire.slug)
    return render(request, "surveys/builder/questionnaire_form.html", {"form": form})


@permission_required(CHANGE)
def questionnaire_edit(request, slug):
    questionnaire = get_questionnaire_for_user(request.user, slug, CHANGE)
    # The form writes what was typed onto its instance: give it a copy of its own, so that the
    # page's heading and the service's checks see the questionnaire as it is saved.
    form = QuestionnaireForm(
        request.POST or None, instance=Questionnaire.objects.get(pk=questionnaire.pk)
    )
    if request.method == "POST" and form.is_valid():
        saved = apply_form(form, questionnaires.update_questionnaire, questionnaire)
        if saved is not None:
            messages.success(request, _("The questionnaire has been saved."))
            return redirect("surveys:builder", saved.slug)
    return render(
        request,
        "surveys/builder/questionnaire_form.html",
        {"form": form, "questionnaire": questionnaire},
    )


def _builder_page(request, questionnaire, section_form=None, open_form=None):
    return render(
        request,
        "surveys/builder/builder.html",
        {
            "questionnaire": questionnaire,
            "sections": selectors.structure_of(questionnaire),
            "answered": selectors.has_responses(questionnaire),
            "section_form": section_form or SectionForm(),
            "open_form": open_form
            or OpenForm(
                initial={"opens_at": questionnaire.opens_at, "closes_at": questionnaire.closes_at}
            ),
            "kinds": Question.Kind.choices,
            "paper": document_of(questionnaire, PAPER_FORM_KIND),
            "consent_versions": selectors.consent_versions(questionnaire),
            "suspect_count": review.suspect_count(questionnaire),
            "history": history_of(questionnaire),
        },
    )


@permission_required(CHANGE)
def builder_page(request, slug):
    return _builder_page(request, get_questionnaire_for_user(request.user, slug, CHANGE))


@require_POST
@permission_required(CHANGE)
def section_add(request, slug):
    questionnaire = get_questionnaire_for_user(request.user, slug, CHANGE)
    form = SectionForm(request.POST)
    if form.is_valid():
        structure.add_section(questionnaire, **form.cleaned_data)
        messages.success(request, _("The section has been added."))
        return redirect("surveys:builder", slug)
    return _builder_page(request, questionnaire, section_form=form)


@permission_required(CHANGE)
def section_edit(request, slug, pk):
    questionnaire = get_questionnaire_for_user(request.user, slug, CHANGE)
    section = _get_part(Section, questionnaire, pk)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        structure.update_section(section, **form.cleaned_data)
        messages.success(request, _("The section has been saved."))
        return redirect("surveys:builder", slug)
    return render(
        request,
        "surveys/builder/section_form.html",
        {"form": form, "questionnaire": questionnaire, "section": section},
    )


def _part_step(model, service, done, *, moves=False):
    """A POST button on a section or question (``model``) that calls ``service`` with it, and
    with the ``direction`` posted when it ``moves`` it, then goes back to the builder (to the
    part itself when it is still there)."""

    @require_POST
    @permission_required(CHANGE)
    def view(request, slug, pk):
        part = _get_part(model, get_questionnaire_for_user(request.user, slug, CHANGE), pk)
        if not moves:
            _press(request, service, part, done=done)
            return redirect("surveys:builder", slug)
        _press(request, service, part, _direction(request), done=done)
        return redirect(f"{_builder_url(slug)}#{model._meta.model_name}-{pk}")

    return view


section_delete = _part_step(
    Section, structure.delete_section, gettext_lazy("The section has been deleted.")
)
section_move = _part_step(
    Section, structure.move_section, gettext_lazy("The section has been moved."), moves=True
)
question_delete = _part_step(
    Question, structure.delete_question, gettext_lazy("The question has been deleted.")
)
question_move = _part_step(
    Question, structure.move_question, gettext_lazy("The question has been moved."), moves=True
)


def _direction(request):
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    return direction


def _builder_url(slug):
    return reverse("surveys:builder", args=[slug])


def _question_page(request, questionnaire, form, question=None):
    return render(
        request,
        "surveys/builder/question_form.html",
        {
            "questionnaire": questionnaire,
            "question": question,
            "form": form,
            "kind_label": Question.Kind(form.kind).label,
            "kinds": Question.Kind.choices,
            "answered": question is not None and question.answers.exists(),
        },
    )


def _kind(value):
    if value not in Question.Kind.values:
        raise Http404
    return value


@permission_required(CHANGE)
def question_add(request, slug):
    """First the type and section (``KindForm``), then the form for a question of that type."""
    questionnaire = get_questionnaire_for_user(request.user, slug, CHANGE)
    kind_form = KindForm(questionnaire, request.GET or None)
    if request.method == "GET" and not kind_form.is_valid():
        return render(
            request,
            "surveys/builder/question_kind.html",
            {"questionnaire": questionnaire, "form": kind_form},
        )
    kind = _kind(request.POST.get("kind") or request.GET.get("kind"))
    section = kind_form.cleaned_data["section"] if kind_form.is_valid() else None
    form = QuestionForm(questionnaire, kind, request.POST or None, section=section)
    if request.method == "POST" and form.is_valid():
        arguments = form.service_arguments()
        try:
            question = structure.add_question(arguments.pop("section"), **arguments)
        except Refused as refusal:
            show_on_form(form, refusal)
        else:
            messages.success(
                request, _("Question %(code)s has been added.") % {"code": question.code}
            )
            return redirect(f"{_builder_url(slug)}#question-{question.pk}")
    return _question_page(request, questionnaire, form)


@permission_required(CHANGE)
def question_edit(request, slug, pk):
    """Edit a question; ``?kind=`` shows the form for another type (refused once answered)."""
    questionnaire = get_questionnaire_for_user(request.user, slug, CHANGE)
    question = _get_part(Question, questionnaire, pk)
    kind = _kind(request.POST.get("kind") or request.GET.get("kind") or question.kind)
    form = QuestionForm(questionnaire, kind, request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            structure.update_question(question, **form.service_arguments())
        except Refused as refusal:
            show_on_form(form, refusal)
        else:
            messages.success(
                request, _("Question %(code)s has been saved.") % {"code": question.code}
            )
            return redirect(f"{_builder_url(slug)}#question-{question.pk}")
    return _question_page(request, questionnaire, form, question)


@permission_required(CHANGE)
def quotas(request, slug):
    questionnaire = get_questionnaire_for_user(request.user, slug, CHANGE)
    form = QuotaForm(questionnaire, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaires.save_quotas(questionnaire, **form.service_arguments())
        except Refused as refusal:
            show_on_form(form, refusal)
        else:
            messages.success(request, _("The target group's quotas have been saved."))
            return redirect("surveys:builder", slug)
    return render(
        request, "surveys/builder/quotas.html", {"questionnaire": questionnaire, "form": form}
    )


@require_POST
@permission_required(ADD)
def copy(request, slug):
    questionnaire = get_questionnaire_for_user(request.user, slug, CHANGE)
    copied = questionnaires.copy_questionnaire(questionnaire, user=request.user)
    messages.success(request, _("This is a copy, saved as a draft: change what you need."))
    return redirect("surveys:builder", copied.slug)


@require_POST
@permission_required(CHANGE)
def open_questionnaire(request, slug):
    questionnaire = get_questionnaire_for_user(request.user, slug, CHANGE)
    form = OpenForm(request.POST)
    if form.is_valid() and apply_form(
        form, questionnaires.open_questionnaire, questionnaire, user=request.user
    ):
        messages.success(request, _("The questionnaire is open."))
        return redirect("surveys:builder", slug)
    messages.error(request, _("The questionnaire could not be opened: see the message below."))
    return _builder_page(request, questionnaire, open_form=form)


@require_POST
@permission_required(CHANGE)
def close_questionnaire(request, slug):
    questionnaire = get_questionnaire_for_user(request.user, slug, CHANGE)
    _press(
        request,
        questionnaires.close_questionnaire,
        questionnaire,
        user=request.user,
        done=_("The questionnaire is closed: it takes no more answers."),
    )
    return redirect("surveys:builder", slug)


@require_POST
@permission_required(CHANGE)
def publish_results(request, slug):
    questionnaire = get_questionnaire_for_user(request.user, slug, CHANGE)
    published = request.POST.get("published") != "0"
    _press(
        request,
        questionnaires.publish_results,
        questionnaire,
        published=published,
        user=request.user,
        done=_("The results are public.") if published else _("The results are hidden again."),
    )
    return redirect("surveys:builder", slug)


@require_POST
@permission_required(CHANGE)
def refresh_public_figures(request, slug):
    _press(
        request,
        questionnaires.refresh_public_figures,
        get_questionnaire_for_user(request.user, slug, CHANGE),
        user=request.user,
        done=_("The public now sees the figures as they stand."),
    )
    return redirect("surveys:builder", slug)


@permission_required(CHANGE)
def preview(request, slug):
    questionnaire = get_questionnaire_for_user(request.user, slug, CHANGE)
    sections = selectors.load_sections(questionnaire)
    return render(
        request,
        "surveys/builder/preview.html",
        {
            "questionnaire": questionnaire,
            "pages": [
                (section, build_section_form(section, prefix="preview")) for section in sections
            ],
        },
    )
