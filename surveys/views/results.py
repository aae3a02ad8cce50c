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
from surveys import exports
from surveys.filters import ResultFilterForm, ResultsAcrossForm
from surveys.models import Channel, Question, Questionnaire
from surveys.results import open_answers as open_answers_of
from surveys.results import progress as progress_of
from surveys.results import questions_of, results_for

ANSWERS_PAGE_SIZE = 25
# The fewest respondents whose figures the public sees.
PUBLIC_MINIMUM = 5


def _published(slug):
    return get_object_or_404(Questionnaire.objects.public(), slug=slug, results_published=True)


def _results_page(request, questionnaire, *, public):
    questions = questions_of([questionnaire])
    form = ResultFilterForm(request.GET or None, questions=questions)
    results = results_for(questionnaire, form.filters(), loaded=questions, texts=not public)
    return render(
        request,
        "surveys/results/results.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "results": results,
            # Filters narrow the public down to a handful of people, whose answers would then be
            # there to read: below a few respondents the public sees the count only.
            "withheld": public and results.respondents < PUBLIC_MINIMUM,
            "public_minimum": PUBLIC_MINIMUM,
            "public": public,
            "can_export": not public and request.user.has_perm("surveys.export_responses"),
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
    return _results_page(request, get_object_or_404(Questionnaire, slug=slug), public=False)


def public_results(request, slug):
    return _results_page(request, _published(slug), public=True)


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
    if request.user.has_perm("surveys.view_results"):
        questionnaire = get_object_or_404(Questionnaire, slug=slug)
    else:
        questionnaire = _published(slug)
    return JsonResponse(
        exports.open_data(questionnaire),
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
