"""The staff's questionnaire builder: the list, the structure of one questionnaire, the forms for
its parts, quotas, status changes, copying and the preview. Every change goes through
``surveys.builder``; a refusal is shown beside its field or at the top of the page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.documents.selectors import document_of
from surveys import answering, builder, consent, review
from surveys.builder_forms import (
    KindForm,
    OpenForm,
    QuestionForm,
    QuestionnaireForm,
    QuotaForm,
    SectionForm,
    refusal_to_form,
)
from surveys.models import Question, Questionnaire, Section
from surveys.paper import PAPER_FORM_KIND

ADD = "surveys.add_questionnaire"
CHANGE = "surveys.change_questionnaire"


def _questionnaire(slug):
    return get_object_or_404(Questionnaire, slug=slug)


def _part(model, questionnaire, pk):
    """A section or question of ``questionnaire``, or 404."""
    lookup = "questionnaire" if model is Section else "section__questionnaire"
    return get_object_or_404(model, pk=pk, **{lookup: questionnaire})


def _attempt(request, service, *args, done, **kwargs):
    """Run a service for a POST button; its refusal becomes a message at the top of the page."""
    try:
        result = service(*args, **kwargs)
    except builder.BuilderError as error:
        messages.error(request, error.message)
        return None
    messages.success(request, done)
    return result


@permission_required(CHANGE)
def manage(request):
    return render(
        request,
        "surveys/builder/manage.html",
        {"questionnaires": builder.questionnaires_for_staff()},
    )


@permission_required(ADD)
def questionnaire_create(request):
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        questionnaire = builder.create_questionnaire(user=request.user, **form.cleaned_data)
        messages.success(request, _("The questionnaire has been created as a draft."))
        return redirect("surveys:builder", questionnaire.slug)
    return render(request, "surveys/builder/questionnaire_form.html", {"form": form})


@permission_required(CHANGE)
def questionnaire_edit(request, slug):
    questionnaire = _questionnaire(slug)
    # The form writes what was typed onto its instance: give it a copy of its own, so that the
    # page's heading and the service's checks see the questionnaire as it is saved.
    form = QuestionnaireForm(request.POST or None, instance=_questionnaire(slug))
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = builder.update_questionnaire(questionnaire, **form.cleaned_data)
        except builder.BuilderError as error:
            refusal_to_form(form, error)
        else:
            messages.success(request, _("The questionnaire has been saved."))
            return redirect("surveys:builder", questionnaire.slug)
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
            "sections": builder.structure_of(questionnaire),
            "answered": builder.has_responses(questionnaire),
            "section_form": section_form or SectionForm(),
            "open_form": open_form
            or OpenForm(
                initial={"opens_at": questionnaire.opens_at, "closes_at": questionnaire.closes_at}
            ),
            "kinds": Question.Kind.choices,
            "paper": document_of(questionnaire, PAPER_FORM_KIND),
            "consent_versions": consent.versions_of(questionnaire),
            "suspect_count": review.suspect_count(questionnaire),
        },
    )


@permission_required(CHANGE)
def builder_page(request, slug):
    return _builder_page(request, _questionnaire(slug))


@require_POST
@permission_required(CHANGE)
def section_add(request, slug):
    questionnaire = _questionnaire(slug)
    form = SectionForm(request.POST)
    if form.is_valid():
        builder.add_section(questionnaire, **form.cleaned_data)
        messages.success(request, _("The section has been added."))
        return redirect("surveys:builder", slug)
    return _builder_page(request, questionnaire, section_form=form)


@permission_required(CHANGE)
def section_edit(request, slug, pk):
    questionnaire = _questionnaire(slug)
    section = _part(Section, questionnaire, pk)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        builder.update_section(section, **form.cleaned_data)
        messages.success(request, _("The section has been saved."))
        return redirect("surveys:builder", slug)
    return render(
        request,
        "surveys/builder/section_form.html",
        {"form": form, "questionnaire": questionnaire, "section": section},
    )


@require_POST
@permission_required(CHANGE)
def section_delete(request, slug, pk):
    section = _part(Section, _questionnaire(slug), pk)
    _attempt(request, builder.delete_section, section, done=_("The section has been deleted."))
    return redirect("surveys:builder", slug)


@require_POST
@permission_required(CHANGE)
def section_move(request, slug, pk):
    section = _part(Section, _questionnaire(slug), pk)
    _attempt(
        request,
        builder.move_section,
        section,
        _direction(request),
        done=_("The section has been moved."),
    )
    return redirect(f"{_builder_url(slug)}#section-{pk}")


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
    questionnaire = _questionnaire(slug)
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
            question = builder.add_question(arguments.pop("section"), **arguments)
        except builder.BuilderError as error:
            refusal_to_form(form, error)
        else:
            messages.success(
                request, _("Question %(code)s has been added.") % {"code": question.code}
            )
            return redirect(f"{_builder_url(slug)}#question-{question.pk}")
    return _question_page(request, questionnaire, form)


@permission_required(CHANGE)
def question_edit(request, slug, pk):
    """Edit a question; ``?kind=`` shows the form for another type (refused once answered)."""
    questionnaire = _questionnaire(slug)
    question = _part(Question, questionnaire, pk)
    kind = _kind(request.POST.get("kind") or request.GET.get("kind") or question.kind)
    form = QuestionForm(questionnaire, kind, request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            builder.update_question(question, **form.service_arguments())
        except builder.BuilderError as error:
            refusal_to_form(form, error)
        else:
            messages.success(
                request, _("Question %(code)s has been saved.") % {"code": question.code}
            )
            return redirect(f"{_builder_url(slug)}#question-{question.pk}")
    return _question_page(request, questionnaire, form, question)


@require_POST
@permission_required(CHANGE)
def question_delete(request, slug, pk):
    question = _part(Question, _questionnaire(slug), pk)
    _attempt(request, builder.delete_question, question, done=_("The question has been deleted."))
    return redirect("surveys:builder", slug)


@require_POST
@permission_required(CHANGE)
def question_move(request, slug, pk):
    question = _part(Question, _questionnaire(slug), pk)
    _attempt(
        request,
        builder.move_question,
        question,
        _direction(request),
        done=_("The question has been moved."),
    )
    return redirect(f"{_builder_url(slug)}#question-{pk}")


@permission_required(CHANGE)
def quotas(request, slug):
    questionnaire = _questionnaire(slug)
    form = QuotaForm(questionnaire, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            builder.save_quotas(questionnaire, **form.service_arguments())
        except builder.BuilderError as error:
            refusal_to_form(form, error)
        else:
            messages.success(request, _("The target group's quotas have been saved."))
            return redirect("surveys:builder", slug)
    return render(
        request, "surveys/builder/quotas.html", {"questionnaire": questionnaire, "form": form}
    )


@require_POST
@permission_required(ADD)
def copy(request, slug):
    questionnaire = _questionnaire(slug)
    if not request.user.has_perm(CHANGE):
        raise PermissionDenied
    copied = builder.copy_questionnaire(questionnaire, user=request.user)
    messages.success(request, _("This is a copy, saved as a draft: change what you need."))
    return redirect("surveys:builder", copied.slug)


@require_POST
@permission_required(CHANGE)
def open_questionnaire(request, slug):
    questionnaire = _questionnaire(slug)
    form = OpenForm(request.POST)
    if form.is_valid():
        try:
            builder.open_questionnaire(questionnaire, **form.cleaned_data)
        except builder.BuilderError as error:
            refusal_to_form(form, error)
        else:
            messages.success(request, _("The questionnaire is open."))
            return redirect("surveys:builder", slug)
    messages.error(request, _("The questionnaire could not be opened: see the message below."))
    return _builder_page(request, questionnaire, open_form=form)


@require_POST
@permission_required(CHANGE)
def close_questionnaire(request, slug):
    questionnaire = _questionnaire(slug)
    _attempt(
        request,
        builder.close_questionnaire,
        questionnaire,
        done=_("The questionnaire is closed: it takes no more answers."),
    )
    return redirect("surveys:builder", slug)


@require_POST
@permission_required(CHANGE)
def publish_results(request, slug):
    questionnaire = _questionnaire(slug)
    published = request.POST.get("published") != "0"
    _attempt(
        request,
        builder.publish_results,
        questionnaire,
        published=published,
        done=_("The results are public.") if published else _("The results are hidden again."),
    )
    return redirect("surveys:builder", slug)


@require_POST
@permission_required(CHANGE)
def refresh_public_figures(request, slug):
    _attempt(
        request,
        builder.refresh_public_figures,
        _questionnaire(slug),
        done=_("The public now sees the figures as they stand."),
    )
    return redirect("surveys:builder", slug)


@permission_required(CHANGE)
def preview(request, slug):
    questionnaire = _questionnaire(slug)
    sections = answering.load_sections(questionnaire)
    return render(
        request,
        "surveys/builder/preview.html",
        {
            "questionnaire": questionnaire,
            "pages": [
                (section, answering.build_section_form(section, prefix="preview"))
                for section in sections
            ],
        },
    )
