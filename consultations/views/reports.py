"""The minutes of consultation meetings and the consultation reports: public pages (a preview
for those who read drafts), the staff's screens that write and publish them, and the village
meeting kit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal import uploads
from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.refusals import Refused, apply_form

from .. import kit, reports_pdf
from ..forms.reports import MinutesForm, PhotoForm, ReportForm
from ..minutes import consultation_meeting_for, minutes_of, report_content
from ..models import Consultation, ConsultationReport, MinutesPhoto
from ..services import minutes as minutes_services
from ..services import reports

READ_DRAFTS = "consultations.view_consultation"
CHANGE_MINUTES = "consultations.change_consultationmeeting"
CHANGE_REPORT = "consultations.change_consultationreport"


def _get_minutes_for_user(request, slug, meeting_slug):
    """The meeting at ``meeting_slug`` of the consultation at ``slug``: published minutes of a
    public consultation for anyone, the rest for those who read drafts."""
    consultation = get_object_or_404(Consultation, slug=slug)
    consultation_meeting = consultation_meeting_for(consultation, meeting_slug)
    if consultation_meeting is None:
        raise Http404
    public = consultation.is_public() and consultation_meeting.minutes_published_at
    if not public and not request.user.has_perm(READ_DRAFTS):
        raise Http404
    return consultation_meeting


def _get_report_for_user(request, report_slug, slug=None):
    """The report at ``report_slug`` (of the consultation at ``slug``, when given): published
    ones for anyone, drafts for those who read drafts."""
    reports = ConsultationReport.objects.select_related("consultation", "meeting__meeting")
    if slug is not None:
        reports = reports.filter(consultation__slug=slug)
    report = get_object_or_404(reports, slug=report_slug)
    if not report.is_public() and not request.user.has_perm(READ_DRAFTS):
        raise Http404
    return report


# Public


def minutes(request, slug, meeting_slug):
    consultation_meeting = _get_minutes_for_user(request, slug, meeting_slug)
    return render(
        request,
        "consultations/minutes/minutes.html",
        {
            "minutes": minutes_of(consultation_meeting),
            "document": document_of(consultation_meeting, reports_pdf.MINUTES_KIND),
            "can_change": request.user.has_perm(CHANGE_MINUTES),
        },
    )


def minutes_photo(request, slug, meeting_slug, pk):
    """A photo of the minutes, to whoever may read them."""
    consultation_meeting = _get_minutes_for_user(request, slug, meeting_slug)
    photo = get_object_or_404(MinutesPhoto, consultation_meeting=consultation_meeting, pk=pk)
    return uploads.serve_private(
        photo.file,
        photo.file.name.rsplit("/", 1)[-1],
        public=consultation_meeting.minutes_published_at is not None,
    )


def report(request, report_slug):
    report = _get_report_for_user(request, report_slug)
    can_change = request.user.has_perm(CHANGE_REPORT)
    return render(
        request,
        "consultations/reports/report.html",
        {
            "content": report_content(report, with_drafts=can_change),
            "document": document_of(report, reports_pdf.REPORT_KIND),
            "can_change": can_change,
        },
    )


# Back office: minutes and the kit


@permission_required(CHANGE_MINUTES)
def manage_minutes(request, slug, meeting_slug):
    """The minutes of one meeting: the texts, the photos, publication, the PDFs of the kit."""
    consultation_meeting = _get_minutes_for_user(request, slug, meeting_slug)
    form = MinutesForm(request.POST or None, instance=consultation_meeting)
    photo_form = PhotoForm(user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = apply_form(
            form,
            minutes_services.update_minutes,
            consultation_meeting,
            user=request.user,
        )
        if saved:
            messages.success(request, _("The minutes have been saved."))
            return redirect("consultations:manage_minutes", slug, consultation_meeting.meeting.slug)
    return _minutes_page(request, consultation_meeting, form, photo_form)


def _minutes_page(request, consultation_meeting, form, photo_form):
    consultation = consultation_meeting.consultation
    return render(
        request,
        "consultations/minutes/manage.html",
        {
            "form": form,
            "photo_form": photo_form,
            "minutes": minutes_of(consultation_meeting, exact=True),
            "publish_refusal": minutes_services.publish_refusal(consultation_meeting),
            "document": document_of(consultation_meeting, reports_pdf.MINUTES_KIND),
            "kit": [
                (
                    "kit_notice",
                    _("Notice for the board"),
                    document_of(consultation_meeting, kit.NOTICE_KIND),
                ),
                (
                    "kit_summary",
                    _("Summary in large print"),
                    document_of(consultation, kit.SUMMARY_KIND),
                ),
                ("kit_form", _("Comment form"), document_of(consultation, kit.FORM_KIND)),
            ],
            "history": history_of(consultation_meeting),
        },
    )


@require_POST
@permission_required(CHANGE_MINUTES)
def manage_minutes_photo(request, slug, meeting_slug):
    consultation_meeting = _get_minutes_for_user(request, slug, meeting_slug)
    photo_form = PhotoForm(request.POST, request.FILES, user=request.user)
    if photo_form.is_valid():
        added = apply_form(
            photo_form,
            minutes_services.add_photo,
            consultation_meeting,
            user=request.user,
        )
        if added:
            messages.success(request, _("The photo has been added."))
            return redirect("consultations:manage_minutes", slug, meeting_slug)
    form = MinutesForm(instance=consultation_meeting)
    return _minutes_page(request, consultation_meeting, form, photo_form)


@require_POST
@permission_required(CHANGE_MINUTES)
def manage_minutes_photo_remove(request, slug, meeting_slug, pk):
    consultation_meeting = _get_minutes_for_user(request, slug, meeting_slug)
    photo = get_object_or_404(MinutesPhoto, consultation_meeting=consultation_meeting, pk=pk)
    return _minutes_step(
        request, photo, minutes_services.remove_photo, _("The photo has been removed.")
    )


def _minutes_step(request, target, service, done):
    """Run a step on the minutes (or one of their photos); a refusal is shown on their page."""
    consultation_meeting = getattr(target, "consultation_meeting", target)
    try:
        service(target, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)
    return redirect(
        "consultations:manage_minutes",
        consultation_meeting.consultation.slug,
        consultation_meeting.meeting.slug,
    )


@require_POST
@permission_required(CHANGE_MINUTES)
def manage_minutes_publish(request, slug, meeting_slug):
    consultation_meeting = _get_minutes_for_user(request, slug, meeting_slug)
    return _minutes_step(
        request,
        consultation_meeting,
        minutes_services.publish_minutes,
        _("The minutes are published."),
    )


@require_POST
@permission_required(CHANGE_MINUTES)
def manage_minutes_unpublish(request, slug, meeting_slug):
    consultation_meeting = _get_minutes_for_user(request, slug, meeting_slug)
    return _minutes_step(
        request,
        consultation_meeting,
        minutes_services.unpublish_minutes,
        _("The minutes are hidden from the public again."),
    )


@require_POST
@permission_required(CHANGE_MINUTES)
def manage_minutes_pdf(request, slug, meeting_slug):
    consultation_meeting = _get_minutes_for_user(request, slug, meeting_slug)
    return _minutes_step(
        request,
        consultation_meeting,
        minutes_services.request_minutes_pdf,
        _("The PDF is being generated."),
    )


def _kit_step(request, slug, meeting_slug, source_of, kind, title):
    consultation_meeting = _get_minutes_for_user(request, slug, meeting_slug)
    source = source_of(consultation_meeting)
    request_document(source, kind, user=request.user, title=f"{title}: {source}")
    messages.success(request, _("The PDF is being generated."))
    return redirect("consultations:manage_minutes", slug, meeting_slug)


@require_POST
@permission_required(CHANGE_MINUTES)
def kit_notice(request, slug, meeting_slug):
    return _kit_step(
        request, slug, meeting_slug, lambda cm: cm, kit.NOTICE_KIND, _("Notice for the board")
    )


@require_POST
@permission_required(CHANGE_MINUTES)
def kit_summary(request, slug, meeting_slug):
    return _kit_step(
        request,
        slug,
        meeting_slug,
        lambda cm: cm.consultation,
        kit.SUMMARY_KIND,
        _("Summary in large print"),
    )


@require_POST
@permission_required(CHANGE_MINUTES)
def kit_form(request, slug, meeting_slug):
    return _kit_step(
        request,
        slug,
        meeting_slug,
        lambda cm: cm.consultation,
        kit.FORM_KIND,
        _("Comment form"),
    )


# Back office: reports


@permission_required("consultations.add_consultationreport")
def manage_report_create(request, slug):
    """Start a report on one meeting or on the whole consultation."""
    consultation = get_object_or_404(Consultation, slug=slug)
    form = ReportForm(request.POST or None, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        report = apply_form(form, reports.create_report, consultation, user=request.user)
        if report:
            messages.success(request, _("The report has been saved as a draft."))
            return redirect(
                "consultations:manage_report_edit", report.consultation.slug, report.slug
            )
    return render(
        request,
        "consultations/reports/form.html",
        {"form": form, "consultation": consultation},
    )


@permission_required(CHANGE_REPORT)
def manage_report_edit(request, slug, report_slug):
    report = _get_report_for_user(request, report_slug, slug)
    # The form changes its own copy, so the page's links keep the saved address on errors.
    form = ReportForm(request.POST or None, instance=ConsultationReport.objects.get(pk=report.pk))
    if request.method == "POST" and form.is_valid():
        saved = apply_form(form, reports.update_report, report, user=request.user)
        if saved:
            messages.success(request, _("The report has been saved."))
            return redirect("consultations:manage_report_edit", saved.consultation.slug, saved.slug)
    return render(
        request,
        "consultations/reports/form.html",
        {
            "form": form,
            "report": report,
            "consultation": report.consultation,
            "publish_refusal": reports.publish_refusal(report),
            "document": document_of(report, reports_pdf.REPORT_KIND),
            "history": history_of(report),
        },
    )


def _report_step(request, slug, report_slug, service, done):
    report = _get_report_for_user(request, report_slug, slug)
    try:
        service(report, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)
    return redirect("consultations:manage_report_edit", report.consultation.slug, report.slug)


@require_POST
@permission_required(CHANGE_REPORT)
def manage_report_publish(request, slug, report_slug):
    return _report_step(request, slug, report_slug, reports.publish, _("The report is published."))


@require_POST
@permission_required(CHANGE_REPORT)
def manage_report_unpublish(request, slug, report_slug):
    return _report_step(
        request,
        slug,
        report_slug,
        reports.unpublish,
        _("The report is a draft again and hidden from the public."),
    )


@require_POST
@permission_required(CHANGE_REPORT)
def report_pdf(request, slug, report_slug):
    return _report_step(
        request, slug, report_slug, reports.request_report_pdf, _("The PDF is being generated.")
    )


def get_report_for_writer(request, slug, report_slug):
    """The report at ``report_slug``, for those who write reports: its recommendations' pages."""
    if not request.user.has_perm(CHANGE_REPORT):
        raise PermissionDenied
    return get_object_or_404(ConsultationReport, consultation__slug=slug, slug=report_slug)
