"""The door of a meeting on a staff member's phone (``<slug>/door/``): check-in by code, by the QR
code of a confirmation (``door/<code>/``), by name, walk-ins, corrections; the sign-in sheet
printed, typed back in and its scan kept; closing the meeting; and the public attendance counts
(``<slug>/attendance/``)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal import uploads
from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.refusals import Refused, apply_form, show_on_form

from .. import selectors
from ..forms.attendance import (
    CodeForm,
    RemoveForm,
    SearchForm,
    SheetForm,
    SignedSheetForm,
    WalkInForm,
)
from ..models import Attendance, Meeting, Registration, SignedSheet
from ..pdf import SIGN_IN_SHEET_KIND
from ..services import attendance as services

DOOR = "meetings.change_meeting"
SCANS = "meetings.view_signedsheet"
EXACT = "meetings.view_attendance"


def _get_meeting_for_door(slug):
    """The meeting at ``slug`` for the door's screens (the permission is checked by the view)."""
    return get_object_or_404(Meeting, slug=slug)


def _door_page(request, meeting, *, code_form=None, walk_in_form=None):
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    return render(
        request,
        "meetings/attendance/door.html",
        {
            "meeting": meeting,
            "code_form": code_form or CodeForm(),
            "search": search,
            "query": query,
            "found": selectors.find_registrants(meeting, query),
            "walk_in_form": walk_in_form or WalkInForm(),
            "count": selectors.running_count(meeting),
            "recent": selectors.recent_attendance(meeting),
        },
    )


def _checked_in(request, attendance):
    messages.success(
        request,
        _("%(name)s is checked in (%(settlement)s, %(group)s).")
        % {
            "name": attendance.name,
            "settlement": attendance.place,
            "group": attendance.group,
        },
    )


@permission_required(DOOR)
def door(request, slug):
    """The door: a registration code typed in, a name searched, the running count."""
    meeting = _get_meeting_for_door(slug)
    if request.method != "POST":
        return _door_page(request, meeting)
    form = CodeForm(request.POST)
    if form.is_valid():
        attendance = apply_form(form, services.check_in_by_code, meeting, user=request.user)
        if attendance is not None:
            _checked_in(request, attendance)
            return redirect("meetings:door", meeting.slug)
    return _door_page(request, meeting, code_form=form)


@require_POST
@permission_required(DOOR)
def door_registrant(request, slug, pk):
    """Check in a registrant found by name."""
    meeting = _get_meeting_for_door(slug)
    registration = get_object_or_404(Registration, meeting=meeting, pk=pk)
    try:
        attendance = services.check_in(registration, way=Attendance.Way.NAME, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        _checked_in(request, attendance)
    return redirect("meetings:door", meeting.slug)


@permission_required(DOOR)
def door_code(request, code):
    """The QR code of a confirmation, opened by staff's phone: the registrant, and one tap to
    check them in (a GET alone never does)."""
    registration = get_object_or_404(
        Registration.objects.select_related("meeting", "settlement", "group"),
        code=services.normalised_code(code),
    )
    meeting = registration.meeting
    refusal = None
    if request.method == "POST":
        try:
            attendance = services.check_in(registration, way=Attendance.Way.QR, user=request.user)
        except Refused as error:
            refusal = error.message
        else:
            _checked_in(request, attendance)
            return redirect("meetings:door", meeting.slug)
    present = Attendance.objects.filter(registration=registration).select_related("recorded_by")
    attendance = present.first()
    return render(
        request,
        "meetings/attendance/door_code.html",
        {
            "meeting": meeting,
            "registration": registration,
            "already": attendance and services.already_in_message(registration, attendance),
            "refusal": refusal,
        },
        status=400 if refusal else 200,
    )


@require_POST
@permission_required(DOOR)
def door_walk_in(request, slug):
    """Someone who came without registering."""
    meeting = _get_meeting_for_door(slug)
    form = WalkInForm(request.POST)
    if form.is_valid():
        attendance = apply_form(form, services.record_walk_in, meeting, user=request.user)
        if attendance is not None:
            messages.success(
                request,
                _("Walk-in recorded (%(settlement)s, %(group)s).")
                % {"settlement": attendance.place, "group": attendance.group},
            )
            return redirect("meetings:door", meeting.slug)
    return _door_page(request, meeting, walk_in_form=form)


@permission_required(DOOR)
def door_remove(request, slug, pk):
    """Take back a check-in or walk-in recorded by mistake, with the reason, for the history."""
    meeting = _get_meeting_for_door(slug)
    attendance = get_object_or_404(
        Attendance.objects.select_related("settlement", "group", "recorded_by"),
        meeting=meeting,
        pk=pk,
    )
    form = RemoveForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, services.remove_attendance, attendance, user=request.user)
    ):
        messages.success(request, _("The record has been removed."))
        return redirect("meetings:door", meeting.slug)
    return render(
        request,
        "meetings/attendance/door_remove.html",
        {"meeting": meeting, "attendance": attendance, "form": form},
    )


def _registrants(meeting):
    return (
        Registration.objects.confirmed()
        .filter(meeting=meeting)
        .select_related("settlement", "group")
        .order_by("name", "pk")
    )


def _sheet_page(request, meeting, *, form=None, upload_form=None):
    return render(
        request,
        "meetings/attendance/sheet.html",
        {
            "meeting": meeting,
            "form": form or SheetForm(registrants=_registrants(meeting)),
            "present": set(
                meeting.attendance.filter(registration__isnull=False).values_list(
                    "registration", flat=True
                )
            ),
            "document": document_of(meeting, SIGN_IN_SHEET_KIND),
            "upload_form": upload_form or SignedSheetForm(),
            "scans": meeting.signed_sheets.select_related("uploaded_by"),
        },
    )


@permission_required(DOOR)
def sheet_entry(request, slug):
    """The sign-in sheet: its PDF, the signed sheet typed in (all of it or nothing), its scan."""
    meeting = _get_meeting_for_door(slug)
    if request.method != "POST":
        return _sheet_page(request, meeting)
    form = SheetForm(request.POST, registrants=_registrants(meeting))
    if form.is_valid():
        try:
            added = services.type_in_sheet(meeting, **form.sheet(), user=request.user)
        except Refused as refusal:
            show_on_form(form, refusal)
        else:
            messages.success(
                request,
                _("The sheet has been typed in: %(count)d people added.") % {"count": len(added)},
            )
            return redirect("meetings:door", meeting.slug)
    return _sheet_page(request, meeting, form=form)


@require_POST
@permission_required(DOOR)
def sheet_pdf(request, slug):
    """Prepare the printable sign-in sheet (again, with the registrants as they are now)."""
    meeting = _get_meeting_for_door(slug)
    request_document(meeting, SIGN_IN_SHEET_KIND, user=request.user)
    messages.info(request, _("The sign-in sheet is being prepared."))
    return redirect("meetings:sheet_entry", meeting.slug)


@require_POST
@permission_required(DOOR)
def signed_sheet(request, slug):
    """Keep the scan of the signed sheet, privately."""
    meeting = _get_meeting_for_door(slug)
    form = SignedSheetForm(request.POST, request.FILES, user=request.user)
    if form.is_valid() and apply_form(form, services.add_signed_sheet, meeting, user=request.user):
        messages.success(request, _("The scan has been kept; only staff can open it."))
        return redirect("meetings:sheet_entry", meeting.slug)
    return _sheet_page(request, meeting, upload_form=form)


@permission_required(SCANS)
def signed_sheet_file(request, slug, pk):
    """The scan of a signed sheet, to staff only."""
    sheet = get_object_or_404(SignedSheet, meeting__slug=slug, pk=pk)
    extension = sheet.file.name.rsplit(".", 1)[-1]
    return uploads.serve_private(
        sheet.file, f"sign-in-sheet-{slug}-{sheet.uploaded_at:%Y%m%d-%H%M}.{extension}"
    )


@permission_required(DOOR)
def close(request, slug):
    """Close a meeting that has ended: its attendance becomes final and public."""
    meeting = _get_meeting_for_door(slug)
    refusal = None
    if request.method == "POST":
        try:
            services.close_meeting(meeting, user=request.user)
        except Refused as error:
            refusal = error.message
        else:
            messages.success(request, _("The meeting is closed; its attendance is final."))
            return redirect("meetings:attendance", meeting.slug)
    return render(
        request,
        "meetings/attendance/close.html",
        {"meeting": meeting, "count": selectors.running_count(meeting), "refusal": refusal},
        status=400 if refusal else 200,
    )


def attendance(request, slug):
    """Who came, by group and settlement: the exact counts for staff, protected ones for anyone
    else, and the total of the meetings held."""
    meeting = get_object_or_404(Meeting.objects.public(), slug=slug)
    exact = request.user.has_perm(EXACT)
    if exact:
        counts = selectors.counts_for(meeting)
        total = selectors.total_counts(Meeting.objects.public())
    else:
        public = selectors.public_attendance()
        counts, total = public.of(meeting), public.total
    return render(
        request,
        "meetings/attendance/attendance.html",
        {
            "meeting": meeting,
            "counts": counts,
            "total": total,
            "exact": exact,
        },
    )
