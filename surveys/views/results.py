"""Progress against the quotas, results (staff any time, the public once published), open answers,
and the exports."""

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.disclosure import MINIMUM
from ivanovo_portal.documents.registry import kinds
from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.documents.services import request_document
from surveys import exports, selectors
from surveys.forms.results import AreaForm, ResultFilterForm, ResultsAcrossForm
from surveys.kinds import kind_of
from surveys.models import Channel, Questionnaire
from surveys.results.counting import open_answers as open_answers_of
from surveys.results.disclosure import WHOLE
from surveys.results.disclosure import public_results as public_results_of
from surveys.results.figures import ordered_questions, results_for
from surveys.results.open_data import open_data as open_data_of
from surveys.results.progress import quota_progress
from surveys.views.loaders import get_questionnaire_for_user

ANSWERS_PAGE_SIZE = 25


def _get_published_questionnaire(slug):
    return get_object_or_404(Questionnaire.objects.public(), slug=slug, results_published=True)


def _results_page(request, questionnaire):
    questions = ordered_questions([questionnaire])
    form = ResultFilterForm(request.GET or None, questions=questions)
    results = results_for(questionnaire, form.filters(), loaded=questions)
    return render(
        request,
        "surveys/results/results.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "results": results,
            "public": False,
            "can_export": request.user.has_perm("surveys.export_responses"),
        },
    )


def public_results(request, slug):
    """The published results as the public may read them: the whole municipality or one of the
    areas fixed by the counts, with what could describe fewer than five people withheld."""
    questionnaire = _get_published_questionnaire(slug)
    published = public_results_of(questionnaire, area=request.GET.get("area", WHOLE))
    form = AreaForm(request.GET or None, areas=published.areas)
    view = published.view(form.slug)
    return render(
        request,
        "surveys/results/results.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "results": view.results,
            "area": view.area,
            "areas": published.areas,
            "withheld": view.results.respondents < MINIMUM,
            "public_minimum": MINIMUM,
            "public": True,
        },
    )


@permission_required("surveys.view_results")
def progress(request):
    return render(
        request,
        "surveys/progress/progress.html",
        {"progress": quota_progress(), "channels": Channel.choices},
    )


@permission_required("surveys.view_results")
def results_across(request):
    """Several questionnaires read together, filtered by target group among the rest."""
    form = ResultsAcrossForm(request.GET or None)
    results = results_for(form.chosen, form.filters(), loaded=form.questions)
    return render(
        request,
        "surveys/results/results.html",
        {"form": form, "results": results, "public": False, "across": True},
    )


@permission_required("surveys.view_results")
def results(request, slug):
    questionnaire = get_questionnaire_for_user(request.user, slug, "surveys.view_results")
    return _results_page(request, questionnaire)


@permission_required("surveys.view_results")
def open_answers(request, slug, code):
    """Everything respondents wrote to one question (an open question's texts, or the words beside
    “other”), with search. Staff only, even once results are published: people sometimes write
    names or addresses into free text."""
    question = get_object_or_404(
        selectors.questions_with_free_text(),
        section__questionnaire__slug=slug,
        code=code,
    )
    search = request.GET.get("q", "").strip()
    page = Paginator(open_answers_of(question, search), ANSWERS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "surveys/results/open_answers.html",
        {
            "questionnaire": question.section.questionnaire,
            "question": question,
            "of_other": not kind_of(question).text,
            "search": search,
            "page_obj": page,
        },
    )


# The exports a questionnaire's responses come in, by the name in their address.
EXPORTS = {
    "responses.xlsx": exports.RESPONSES_XLSX_KIND,
    "responses.csv": exports.RESPONSES_CSV_KIND,
    "codebook.csv": exports.CODEBOOK_CSV_KIND,
}


@permission_required(exports.EXPORT_PERMISSION)
def export_list(request, slug):
    """The exports of the responses, each with the state of its last rendering."""
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    documents = [
        (name, kinds.get(kind).label, document_of(questionnaire, kind))
        for name, kind in EXPORTS.items()
    ]
    return render(
        request,
        "surveys/results/exports.html",
        {"questionnaire": questionnaire, "exports": documents},
    )


@require_POST
@permission_required(exports.EXPORT_PERMISSION)
def export(request, slug, name):
    """Have the worker render an export anew, from the responses as they are now."""
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    if name not in EXPORTS:
        raise Http404("No such export.")
    request_document(questionnaire, EXPORTS[name], user=request.user)
    return redirect("surveys:exports", questionnaire.slug)


def open_data(request, slug):
    """The aggregated results as JSON: public once published, for staff with results access
    before."""
    staff = request.user.has_perm("surveys.view_results")
    if staff:
        questionnaire = get_object_or_404(Questionnaire, slug=slug)
    else:
        questionnaire = _get_published_questionnaire(slug)
    return JsonResponse(
        open_data_of(questionnaire, public=not staff),
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
