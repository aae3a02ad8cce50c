"""Staff's screens for a consultation's document under ``manage/``: the consultation itself, its
sections, versions, imports, annexes and meetings."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.refusals import Refused, apply_form

from ..documents import consultations_for_staff, meetings_of, versions_of
from ..forms.documents import (
    AnnexForm,
    ConsultationForm,
    ImportForm,
    LinkMeetingForm,
    NewMeetingForm,
    SectionForm,
    VersionForm,
)
from ..models import Annex, Consultation, ConsultationMeeting, Section
from ..services import documents, sections

CHANGE = "consultations.change_consultation"


def _get_consultation_for_staff(slug):
    return get_object_or_404(Consultation, slug=slug)


def _get_section_for_staff(slug, pk):
    return get_object_or_404(
        Section.objects.select_related("version__consultation"),
        version__consultation__slug=slug,
        pk=pk,
    )


def _refused(request, refusal):
    messages.error(request, refusal.message)


@permission_required(CHANGE)
def manage_list(request):
    return render(
        request, "consultations/manage/list.html", {"consultations": consultations_for_staff()}
    )


@permission_required("consultations.add_consultation")
def manage_create(request):
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        consultation = apply_form(form, documents.create_consultation, user=request.user)
        if consultation:
            messages.success(request, _("The consultation is saved as a draft. Add its text."))
            return redirect("consultations:manage_sections", consultation.slug)
    return render(request, "consultations/manage/form.html", {"form": form})


@permission_required(CHANGE)
def manage_edit(request, slug):
    consultation = _get_consultation_for_staff(slug)
    # The form changes its own copy, so the page's links keep the saved address on errors.
    form = ConsultationForm(
        request.POST or None, instance=Consultation.objects.get(pk=consultation.pk)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, documents.update_consultation, consultation, user=request.user)
    ):
        messages.success(request, _("The consultation has been saved."))
        return redirect("consultations:manage_edit", consultation.slug)
    return render(
        request,
        "consultations/manage/form.html",
        {"form": form, "consultation": consultation, "history": history_of(consultation)},
    )


@require_POST
@permission_required(CHANGE)
def manage_publish(request, slug):
    consultation = _get_consultation_for_staff(slug)
    try:
        documents.publish(consultation, user=request.user)
    except Refused as refusal:
        _refused(request, refusal)
        return redirect("consultations:manage_edit", slug)
    messages.success(request, _("The consultation is published."))
    return redirect(consultation)


# Sections of the latest version


@permission_required(CHANGE)
def manage_sections(request, slug):
    consultation = _get_consultation_for_staff(slug)
    version = documents.current_version(consultation)
    form = SectionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, sections.add_section, version, user=request.user)
    ):
        messages.success(request, _("The section has been added."))
        return redirect("consultations:manage_sections", slug)
    return render(
        request,
        "consultations/manage/sections.html",
        {
            "consultation": consultation,
            "version": version,
            "sections": list(version.sections.all()),
            "form": form,
        },
    )


@permission_required(CHANGE)
def manage_section(request, slug, pk):
    section = _get_section_for_staff(slug, pk)
    form = SectionForm(request.POST or None, instance=Section.objects.get(pk=section.pk))
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, sections.update_section, section, user=request.user)
    ):
        messages.success(request, _("The section has been saved."))
        return redirect("consultations:manage_sections", slug)
    return render(
        request,
        "consultations/manage/section.html",
        {"consultation": section.version.consultation, "section": section, "form": form},
    )


@require_POST
@permission_required(CHANGE)
def manage_section_move(request, slug, pk):
    section = _get_section_for_staff(slug, pk)
    try:
        sections.move_section(section, user=request.user, up=request.POST.get("up") == "1")
    except Refused as refusal:
        _refused(request, refusal)
    return redirect("consultations:manage_sections", slug)


@require_POST
@permission_required(CHANGE)
def manage_section_remove(request, slug, pk):
    section = _get_section_for_staff(slug, pk)
    try:
        sections.remove_section(section, user=request.user)
        messages.success(request, _("The section has been removed."))
    except Refused as refusal:
        _refused(request, refusal)
    return redirect("consultations:manage_sections", slug)


@permission_required(CHANGE)
def manage_import(request, slug):
    consultation = _get_consultation_for_staff(slug)
    version = documents.current_version(consultation)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, sections.import_sections, version, user=request.user)
    ):
        messages.success(request, _("The sections have been imported."))
        return redirect("consultations:manage_sections", slug)
    return render(
        request,
        "consultations/manage/import.html",
        {"consultation": consultation, "version": version, "form": form},
    )


# Versions


@permission_required(CHANGE)
def manage_versions(request, slug):
    consultation = _get_consultation_for_staff(slug)
    form = VersionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, documents.new_version, consultation, user=request.user)
    ):
        messages.success(request, _("The new version is made; change its sections now."))
        return redirect("consultations:manage_sections", slug)
    return render(
        request,
        "consultations/manage/versions.html",
        {"consultation": consultation, "versions": versions_of(consultation), "form": form},
    )


# Annexes


@permission_required(CHANGE)
def manage_annexes(request, slug):
    consultation = _get_consultation_for_staff(slug)
    form = AnnexForm(request.POST or None, request.FILES or None, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, documents.add_annex, consultation, user=request.user)
    ):
        messages.success(request, _("The annex has been added."))
        return redirect("consultations:manage_annexes", slug)
    return render(
        request,
        "consultations/manage/annexes.html",
        {"consultation": consultation, "annexes": list(consultation.annexes.all()), "form": form},
    )


@require_POST
@permission_required(CHANGE)
def manage_annex_remove(request, slug, pk):
    annex = get_object_or_404(Annex, consultation__slug=slug, pk=pk)
    documents.remove_annex(annex, user=request.user)
    messages.success(request, _("The annex has been removed."))
    return redirect("consultations:manage_annexes", slug)


# Meetings


@permission_required(CHANGE)
def manage_meetings(request, slug):
    """The consultation's meetings: link one made under /events/, or make a new one here."""
    consultation = _get_consultation_for_staff(slug)
    link_form = LinkMeetingForm(request.POST if "link" in request.POST else None)
    new_form = NewMeetingForm(request.POST if "create" in request.POST else None)
    if (
        link_form.is_bound
        and link_form.is_valid()
        and apply_form(link_form, documents.link_meeting, consultation, user=request.user)
    ):
        messages.success(request, _("The meeting is linked."))
        return redirect("consultations:manage_meetings", slug)
    if new_form.is_bound and new_form.is_valid():
        link = apply_form(
            new_form, documents.create_linked_meeting, consultation, user=request.user
        )
        if link:
            messages.success(
                request, _("The meeting is made as a draft: finish and schedule it on its page.")
            )
            return redirect("consultations:manage_meetings", slug)
    return render(
        request,
        "consultations/manage/meetings.html",
        {
            "consultation": consultation,
            "meetings": meetings_of(consultation, with_drafts=True),
            "link_form": link_form,
            "new_form": new_form,
        },
    )


@require_POST
@permission_required(CHANGE)
def manage_meeting_unlink(request, slug, pk):
    link = get_object_or_404(ConsultationMeeting, consultation__slug=slug, pk=pk)
    try:
        documents.unlink_meeting(link, user=request.user)
        messages.success(request, _("The meeting is no longer part of the consultation."))
    except Refused as refusal:
        _refused(request, refusal)
    return redirect("consultations:manage_meetings", slug)
