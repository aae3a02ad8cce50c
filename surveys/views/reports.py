"""Analysis reports: the public report page and the staff's screens that compose it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.refusals import apply_form

from .. import pdf, selectors
from ..forms.reports import ItemAddForm, ItemForm, ReportForm
from ..models import AnalysisReport
from ..results.reports import report_content, withheld_items
from ..services import reports

CHANGE = "surveys.change_analysisreport"


def _get_report_for_user(request, slug):
    """The report at ``slug``: published ones for anyone, drafts only for those who write them."""
    report = get_object_or_404(AnalysisReport, slug=slug)
    if not report.is_public() and not request.user.has_perm(CHANGE):
        raise Http404
    return report


# Public


def report(request, slug):
    report = _get_report_for_user(request, slug)
    can_change = request.user.has_perm(CHANGE)
    content = report_content(report, with_drafts=can_change)
    return render(
        request,
        "surveys/reports/report.html",
        {
            "content": content,
            "document": document_of(report, pdf.REPORT_KIND),
            "can_change": can_change,
            # Before publishing, staff see which figures the public will not see.
            "withheld": (withheld_items(content) if can_change and not report.is_public() else []),
            "history": history_of(report) if can_change else (),
        },
    )


# Back office: the report


@permission_required(CHANGE)
def report_list(request):
    return render(request, "surveys/reports/list.html", {"reports": selectors.reports_for_staff()})


@permission_required("surveys.add_analysisreport")
def report_create(request):
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = reports.create_report(user=request.user, **form.cleaned_data)
        messages.success(
            request, _("The report has been saved as a draft. Now choose its questions.")
        )
        return redirect("surveys:report_items", report.slug)
    return render(request, "surveys/reports/form.html", {"form": form})


@permission_required(CHANGE)
def report_edit(request, slug):
    report = _get_report_for_user(request, slug)
    # The form changes its own copy, so the page's links keep the saved address on errors.
    form = ReportForm(request.POST or None, instance=AnalysisReport.objects.get(pk=report.pk))
    if request.method == "POST" and form.is_valid():
        saved = apply_form(form, reports.update_report, report, user=request.user)
        if saved:
            messages.success(request, _("The report has been saved."))
            return redirect(saved)
    return render(request, "surveys/reports/form.html", {"form": form, "report": report})


@permission_required(CHANGE)
def report_publish(request, slug):
    """Ask before publishing, naming the questions whose figures the public will not see all of;
    publish on confirmation."""
    report = _get_report_for_user(request, slug)
    if report.is_public():
        return redirect(report)
    if request.method == "POST":
        reports.publish(report, user=request.user)
        messages.success(request, _("The report is published."))
        return redirect(report)
    content = report_content(report)
    return render(
        request,
        "surveys/reports/publish.html",
        {"report": report, "content": content, "withheld": withheld_items(content)},
    )


@require_POST
@permission_required(CHANGE)
def report_unpublish(request, slug):
    report = reports.unpublish(_get_report_for_user(request, slug), user=request.user)
    messages.success(request, _("The report is a draft again and hidden from the public."))
    return redirect(report)


@require_POST
@permission_required(CHANGE)
def report_pdf(request, slug):
    report = _get_report_for_user(request, slug)
    reports.request_report_pdf(report, user=request.user)
    messages.success(request, _("The PDF is being generated."))
    return redirect(report)


# Back office: the questions


def _items_page(request, report, *, add_form=None, item_forms=None):
    items = list(report.items.select_related("question__section__questionnaire"))
    add_form = add_form or ItemAddForm(report, prefix="add")
    item_forms = item_forms or {}
    for item in items:
        item.form = item_forms.get(item.pk) or ItemForm(
            initial={"commentary": item.commentary, "answers_summary": item.answers_summary},
            prefix=f"item-{item.pk}",
            question=item.question,
        )
    return render(
        request,
        "surveys/reports/items.html",
        {
            "report": report,
            "items": items,
            "add_form": add_form,
            "questions_left": add_form.is_bound or add_form.fields["question"].queryset.exists(),
        },
    )


def _get_report_item(report, pk):
    return get_object_or_404(report.items, pk=pk)


@permission_required(CHANGE)
def report_items(request, slug):
    report = _get_report_for_user(request, slug)
    if request.method == "POST":
        form = ItemAddForm(report, request.POST, prefix="add")
        if form.is_valid() and apply_form(form, reports.add_item, report, user=request.user):
            messages.success(request, _("The question has been added to the report."))
            return redirect("surveys:report_items", slug)
        return _items_page(request, report, add_form=form)
    return _items_page(request, report)


@require_POST
@permission_required(CHANGE)
def report_item_edit(request, slug, pk):
    report = _get_report_for_user(request, slug)
    item = _get_report_item(report, pk)
    form = ItemForm(request.POST, prefix=f"item-{item.pk}", question=item.question)
    if form.is_valid() and apply_form(form, reports.update_item, item, user=request.user):
        messages.success(request, _("The commentary has been saved."))
        return redirect("surveys:report_items", slug)
    return _items_page(request, report, item_forms={item.pk: form})


@require_POST
@permission_required(CHANGE)
def report_item_move(request, slug, pk):
    report = _get_report_for_user(request, slug)
    reports.move_item(
        _get_report_item(report, pk), up=request.POST.get("direction") == "up", user=request.user
    )
    return redirect("surveys:report_items", slug)


@require_POST
@permission_required(CHANGE)
def report_item_remove(request, slug, pk):
    report = _get_report_for_user(request, slug)
    reports.remove_item(_get_report_item(report, pk), user=request.user)
    messages.success(request, _("The question has been removed from the report."))
    return redirect("surveys:report_items", slug)


# Back office: the recommendations, on the register's pages (surveys/urls/reports.py)


def get_report_for_writer(request, slug):
    """The report at ``slug``, for those who write reports: its recommendations' pages."""
    if not request.user.has_perm(CHANGE):
        raise PermissionDenied
    return get_object_or_404(AnalysisReport, slug=slug)
