"""Progress against the quotas, results (staff any time, the public once published), open answers,
and the exports."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.disclosure import MINIMUM
from surveys import exports
from surveys.counting import open_answers as open_answers_of
from surveys.disclosure import public_results as public_results_of
from surveys.filters import AreaForm, ResultFilterForm, ResultsAcrossForm
from surveys.models import Channel, Question, Questionnaire
from surveys.progress import progress as progress_of
from surveys.results import questions_of, results_for

ANSWERS_PAGE_SIZE = 25


def _published(slug):
    return get_object_or_404(Questionnaire.objects.public(), slug=slug, results_published=True)


def _results_page(request, questionnaire):
    questions = questions_of([questionnaire])
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
    questionnaire = _published(slug)
    published = public_results_of(questionnaire)
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
        {"progress": progress_of(), "channels": Channel.choices},
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
    return _results_page(request, get_object_or_404(Questionnaire, slug=slug))


@permission_required("surveys.view_results")
def open_answers(request, slug, code):
    """Everything respondents wrote to one question (an open question's texts, or the words beside
    “other”), with search. Staff only, even once results are published: people sometimes write
    names or addresses into free text."""
    question = get_object_or_404(
        Question.objects.filter(Q(kind__in=Question.TEXT_KINDS) | Q(allow_other=True)),
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
            "of_other": question.kind not in Question.TEXT_KINDS,
            "search": search,
            "page_obj": page,
        },
    )


def _export_name(questionnaire, extension, part="responses"):
    return f"{questionnaire.slug}-{part}-{timezone.localdate():%Y-%m-%d}.{extension}"


@permission_required("surveys.export_responses")
def export_csv(request, slug):
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    return _csv_response(exports.csv_lines(questionnaire), _export_name(questionnaire, "csv"))


@permission_required("surveys.export_responses")
def export_codebook(request, slug):
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    lines = exports.csv_lines(questionnaire, exports.codebook_rows(questionnaire))
    return _csv_response(lines, _export_name(questionnaire, "csv", "codebook"))


def _csv_response(lines, filename):
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required("surveys.export_responses")
def export_xlsx(request, slug):
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    responses = questionnaire.responses.counted().count()
    if responses > exports.XLSX_MAX_RESPONSES:
        messages.warning(
            request,
            _(
                "With %(count)s responses the XLSX file would take minutes to build, longer than "
                "a page may wait: download the responses and the codebook as CSV files, which "
                "Excel and LibreOffice open too."
            )
            % {"count": number_format(responses, force_grouping=True)},
        )
        return redirect("surveys:results", questionnaire.slug)
    return FileResponse(
        exports.xlsx_file(questionnaire),
        as_attachment=True,
        filename=_export_name(questionnaire, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def open_data(request, slug):
    """The aggregated results as JSON: public once published, for staff with results access
    before."""
    staff = request.user.has_perm("surveys.view_results")
    questionnaire = get_object_or_404(Questionnaire, slug=slug) if staff else _published(slug)
    return JsonResponse(
        exports.open_data(questionnaire, public=not staff),
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
