"""The monitoring report: its public page (a preview for staff before it is published) and the
staff's screens that compose, publish and take it back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.refusals import Refused, apply_form

from .. import pdf
from ..forms.reports import ReportForm
from ..models import MonitoringReport, Round
from ..report_content import report_content
from ..services import reports

CHANGE = "monitoring.change_monitoringreport"


def _get_report_for_user(request, slug):
    """The report at ``slug``: published ones for anyone, drafts only for those who write them."""
    report = get_object_or_404(
        MonitoringReport.objects.select_related("round__version__framework"), slug=slug
    )
    if not report.is_public() and not request.user.has_perm(CHANGE):
        raise Http404
    return report


# Public


def report(request, slug):
    report = _get_report_for_user(request, slug)
    can_change = request.user.has_perm(CHANGE)
    return render(
        request,
        "monitoring/reports/report.html",
        {
            "content": report_content(report, with_drafts=can_change),
            "document": document_of(report, pdf.REPORT_KIND),
            "can_change": can_change,
        },
    )


# Back office


@permission_required("monitoring.add_monitoringreport")
def report_create(request, slug):
    """The round's report: its edit page once it has one, else the form that starts it."""
    round_ = get_object_or_404(Round, slug=slug)
    existing = MonitoringReport.objects.filter(round=round_).first()
    if existing is not None:
        return redirect("monitoring:report_edit", existing.slug)
    form = ReportForm(
        request.POST or None,
        initial={"title": _("Monitoring report: %(round)s") % {"round": round_.title}},
    )
    if request.method == "POST" and form.is_valid():
        report = apply_form(form, reports.create_report, round_, user=request.user)
        if report:
            messages.success(request, _("The report has been saved as a draft."))
            return redirect("monitoring:report_edit", report.slug)
    return render(request, "monitoring/reports/form.html", {"form": form, "round": round_})


@permission_required(CHANGE)
def report_edit(request, slug):
    report = _get_report_for_user(request, slug)
    # The form changes its own copy, so the page's links keep the saved address on errors.
    form = ReportForm(request.POST or None, instance=MonitoringReport.objects.get(pk=report.pk))
    if request.method == "POST" and form.is_valid():
        saved = apply_form(form, reports.update_report, report, user=request.user)
        if saved:
            messages.success(request, _("The report has been saved."))
            return redirect("monitoring:report_edit", saved.slug)
    return render(
        request,
        "monitoring/reports/form.html",
        {
            "form": form,
            "report": report,
            "round": report.round,
            "publish_refusal": reports.publish_refusal(report),
            "document": document_of(report, pdf.REPORT_KIND),
            "history": history_of(report),
        },
    )


def _step(request, slug, service, done):
    """Run a publishing step on the report; a refusal is shown on its edit page."""
    report = _get_report_for_user(request, slug)
    try:
        service(report, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)
    return redirect("monitoring:report_edit", report.slug)


@require_POST
@permission_required(CHANGE)
def report_publish(request, slug):
    return _step(request, slug, reports.publish, _("The report is published."))


@require_POST
@permission_required(CHANGE)
def report_unpublish(request, slug):
    return _step(
        request,
        slug,
        reports.unpublish,
        _("The report is a draft again and hidden from the public."),
    )


@require_POST
@permission_required(CHANGE)
def report_pdf(request, slug):
    return _step(request, slug, reports.request_report_pdf, _("The PDF is being generated."))


# Back office: the recommendations, on the register's pages (monitoring/urls/reports.py)


def get_report_for_writer(request, slug):
    """The report at ``slug``, for those who write reports: its recommendations' pages."""
    if not request.user.has_perm(CHANGE):
        raise PermissionDenied
    return get_object_or_404(MonitoringReport, slug=slug)
