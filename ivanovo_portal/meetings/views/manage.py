"""Staff's screens under ``/events/manage/``: the meetings, a meeting's details and status, its
programme, speakers and materials, and its registrants with registration by phone or on paper."""

from copy import copy

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.refusals import Refused, apply_form

from .. import listings
from ..forms.manage import (
    CancelForm,
    MaterialForm,
    MeetingForm,
    PostponeForm,
    ProgrammeItemForm,
    SpeakerForm,
    StaffRegistrationForm,
)
from ..models import Meeting
from ..services import content
from ..services import meetings as meeting_services
from ..services import registrations as registration_services

PAGE_SIZE = 25
REGISTRANTS_PAGE_SIZE = 100
staff_only = permission_required("meetings.change_meeting")


def _get_meeting_for_staff(slug):
    return get_object_or_404(Meeting.objects.select_related("settlement"), slug=slug)


def _applied(request, form, service, *args, done):
    """Whether ``form`` came by POST, is valid and ``service(*args, user=..., **cleaned)`` took
    it; if so, tell the person ``done``."""
    if request.method != "POST" or not form.is_valid():
        return False
    if apply_form(form, service, *args, user=request.user) is None:
        return False
    messages.success(request, done)
    return True


def _back(meeting, part="manage_edit"):
    return redirect(f"meetings:{part}", meeting.slug)


@staff_only
def meeting_list(request):
    page_obj = Paginator(listings.staff_meetings(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "meetings/manage/list.html", {"page_obj": page_obj})


@staff_only
def meeting_create(request):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = apply_form(form, content.create_meeting, user=request.user)
        if meeting is not None:
            messages.success(
                request, _("The meeting has been saved as a draft: only staff can see it.")
            )
            return _back(meeting)
    return render(request, "meetings/manage/form.html", {"form": form})


def _meeting_page(request, meeting, **forms):
    """A meeting's staff page: its details to edit and the status buttons it may take now."""
    forms.setdefault("form", MeetingForm(instance=meeting))
    if meeting.status in (Meeting.Status.SCHEDULED, Meeting.Status.POSTPONED):
        forms.setdefault("postpone_form", PostponeForm())
        forms.setdefault("cancel_form", CancelForm())
    return render(
        request,
        "meetings/manage/meeting.html",
        {
            "meeting": meeting,
            "can_schedule": meeting.status in (Meeting.Status.DRAFT, Meeting.Status.POSTPONED),
            "history": history_of(meeting),
            **forms,
        },
    )


@staff_only
def meeting_edit(request, slug):
    meeting = _get_meeting_for_staff(slug)
    # The form works on a copy, so that the service still sees the meeting as it was and can
    # tell registrants what changed.
    form = MeetingForm(request.POST or None, instance=copy(meeting))
    update = meeting_services.update_meeting
    if _applied(request, form, update, meeting, done=_("The meeting has been saved.")):
        return _back(meeting)
    return _meeting_page(request, meeting, form=form)


def _status_step(service, form_class, form_name, done):
    """A status button: ``service(meeting, user=..., **form)``, back to the meeting's page, or
    there again with the form and its errors."""

    @staff_only
    @require_POST
    def view(request, slug):
        meeting = _get_meeting_for_staff(slug)
        form = form_class(request.POST)
        if _applied(request, form, service, meeting, done=done):
            return _back(meeting)
        return _meeting_page(request, meeting, **{form_name: form})

    return view


meeting_postpone = _status_step(
    meeting_services.postpone,
    PostponeForm,
    "postpone_form",
    gettext_lazy("The meeting has been postponed; its registrants are being told."),
)
meeting_cancel = _status_step(
    meeting_services.cancel_meeting,
    CancelForm,
    "cancel_form",
    gettext_lazy("The meeting has been cancelled; its registrants are being told."),
)


@staff_only
@require_POST
def meeting_schedule(request, slug):
    meeting = _get_meeting_for_staff(slug)
    try:
        meeting_services.schedule(meeting, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The meeting is scheduled and public."))
    return _back(meeting)


# Programme, speakers, materials: a list with a form to add, and a page to change each.


@staff_only
def programme(request, slug):
    meeting = _get_meeting_for_staff(slug)
    form = ProgrammeItemForm(meeting, request.POST or None)
    added = _("The item has been added to the programme.")
    if _applied(request, form, content.add_programme_item, meeting, done=added):
        return _back(meeting, "manage_programme")
    items = meeting.programme.prefetch_related("speakers")
    return render(
        request,
        "meetings/manage/programme.html",
        {"meeting": meeting, "items": items, "form": form},
    )


@staff_only
def programme_item(request, slug, pk):
    meeting = _get_meeting_for_staff(slug)
    item = get_object_or_404(meeting.programme, pk=pk)
    initial = {
        "time": timezone.localtime(item.starts_at).time(),
        "title": item.title,
        "session": item.session,
        "speakers": list(item.speakers.all()),
        "position": item.position,
    }
    form = ProgrammeItemForm(meeting, request.POST or None, initial=initial)
    saved = _("The programme item has been saved.")
    if _applied(request, form, content.update_programme_item, item, done=saved):
        return _back(meeting, "manage_programme")
    return render(
        request,
        "meetings/manage/part_form.html",
        {"meeting": meeting, "form": form, "part": "manage_programme", "title": item.title},
    )


def _remove(service, loader, part, done):
    """A POST that removes one of a meeting's rows and goes back to the list of them."""

    @staff_only
    @require_POST
    def view(request, slug, pk):
        meeting = _get_meeting_for_staff(slug)
        service(get_object_or_404(loader(meeting), pk=pk), user=request.user)
        messages.success(request, done)
        return _back(meeting, part)

    return view


programme_item_remove = _remove(
    content.remove_programme_item,
    lambda meeting: meeting.programme,
    "manage_programme",
    gettext_lazy("The item has been taken off the programme."),
)


@staff_only
def speakers(request, slug):
    meeting = _get_meeting_for_staff(slug)
    form = SpeakerForm(request.POST or None, request.FILES or None, user=request.user)
    added = _("The speaker has been added.")
    if _applied(request, form, content.add_speaker, meeting, done=added):
        return _back(meeting, "manage_speakers")
    return render(
        request,
        "meetings/manage/speakers.html",
        {"meeting": meeting, "speakers": meeting.speakers.all(), "form": form},
    )


@staff_only
def speaker(request, slug, pk):
    meeting = _get_meeting_for_staff(slug)
    speaker = get_object_or_404(meeting.speakers, pk=pk)
    initial = {
        name: getattr(speaker, name)
        for name in ("name", "position", "organisation", "bio", "photo_alt", "order")
    }
    form = SpeakerForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        user=request.user,
        has_photo=bool(speaker.photo),
    )
    saved = _("The speaker has been saved.")
    if _applied(request, form, content.update_speaker, speaker, done=saved):
        return _back(meeting, "manage_speakers")
    return render(
        request,
        "meetings/manage/part_form.html",
        {
            "meeting": meeting,
            "form": form,
            "part": "manage_speakers",
            "title": speaker.name,
            "speaker": speaker,
        },
    )


speaker_remove = _remove(
    content.remove_speaker,
    lambda meeting: meeting.speakers,
    "manage_speakers",
    gettext_lazy("The speaker has been removed."),
)


@staff_only
def materials(request, slug):
    meeting = _get_meeting_for_staff(slug)
    form = MaterialForm(request.POST or None, request.FILES or None, user=request.user)
    added = _("The file has been added.")
    if _applied(request, form, content.add_material, meeting, done=added):
        return _back(meeting, "manage_materials")
    return render(
        request,
        "meetings/manage/materials.html",
        {
            "meeting": meeting,
            "materials": meeting.materials.select_related("added_by"),
            "form": form,
            "file_types": listings.FILE_TYPES,
        },
    )


material_remove = _remove(
    content.remove_material,
    lambda meeting: meeting.materials,
    "manage_materials",
    gettext_lazy("The file has been removed."),
)


@staff_only
def registrations(request, slug):
    """The meeting's registrants (status, channel, code) and a form for staff to register someone
    who called or handed in a paper form."""
    meeting = _get_meeting_for_staff(slug)
    form = StaffRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        register = registration_services.register
        registration = apply_form(form, register, meeting, user=request.user)
        if registration is not None:
            messages.success(
                request,
                _("%(name)s is registered (%(status)s), with the code %(code)s.")
                % {
                    "name": registration.name,
                    "status": registration.get_status_display(),
                    "code": registration.code,
                },
            )
            return _back(meeting, "manage_registrations")
    page_obj = Paginator(listings.registrants(meeting), REGISTRANTS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "meetings/manage/registrations.html",
        {"meeting": meeting, "page_obj": page_obj, "form": form},
    )
