"""Attendance at a meeting: registrants checked in at the door (by code, by the QR code of their
confirmation, found by name), walk-ins, a signed paper sheet typed in, its scan kept privately, and
the meeting closed once held, after which its attendance is final and, for a meeting that gives
them, the certificates of attendance are sent.

Every operation locks the meeting's row, so two phones at the same door never check one person in
twice, and nothing changes once the meeting is closed."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import uploads
from ivanovo_portal.audit.services import created, log_action
from ivanovo_portal.places.models import Settlement, StakeholderGroup
from ivanovo_portal.refusals import Refused

from .. import tasks
from ..emails import certificates_due
from ..models import Attendance, Meeting, Registration, SignedSheet

Way = Attendance.Way
# Ways a registrant is checked in at the door.
DOOR_WAYS = (Way.CODE, Way.QR, Way.NAME)
# What the history records of an attendance removed by mistake.
RECORDED_FIELDS = ("name", "settlement", "group", "way")


def normalised_code(code):
    """A registration code as stored: people type it with spaces, dashes and small letters."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _locked_meeting(meeting):
    """``meeting`` locked for the change, refused when attendance can no longer be recorded."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.closed_at is not None:
        raise Refused(_("The meeting has been closed: its attendance is final."))
    if meeting.status in (Meeting.Status.DRAFT, Meeting.Status.CANCELLED):
        raise Refused(_("Attendance is recorded only for a meeting that takes place."))
    return meeting


def _check_can_check_in(registration, field=None):
    """Refuse a registrant who is not expected, or already in (saying who and when)."""
    attendance = Attendance.objects.filter(registration=registration).first()
    if attendance is not None:
        raise Refused(already_in_message(registration, attendance), field=field)
    if registration.status != Registration.Status.CONFIRMED:
        raise Refused(
            _(
                "%(name)s has no confirmed place (%(status)s). If there is room, record them "
                "as a walk-in."
            )
            % {"name": registration.name, "status": registration.get_status_display()},
            field=field,
        )


def already_in_message(registration, attendance):
    """What the door says when someone is checked in a second time."""
    return _("%(name)s was checked in already, at %(time)s by %(by)s.") % {
        "name": registration.name,
        "time": f"{timezone.localtime(attendance.recorded_at):%H:%M}",
        "by": attendance.recorded_by or _("the system"),
    }


def _attendance_of(registration, meeting, way, user):
    return Attendance(
        meeting=meeting,
        registration=registration,
        name=registration.name,
        settlement_id=registration.settlement_id,
        group_id=registration.group_id,
        way=way,
        recorded_by=user,
    )


@transaction.atomic
def check_in(registration, *, way, user, field=None):
    """Check a confirmed registrant in at the door, by ``way`` (code, QR code or name)."""
    if way not in DOOR_WAYS:
        raise ValueError(f"Not a way to check in at the door: {way}")
    meeting = _locked_meeting(registration.meeting)
    registration = Registration.objects.select_related("meeting").get(pk=registration.pk)
    _check_can_check_in(registration, field=field)
    attendance = _attendance_of(registration, meeting, way, user)
    attendance.save()
    return attendance


def registration_by_code(meeting, code):
    """The registration of ``meeting`` with ``code`` as typed, refused on the field ``code``."""
    registration = (
        Registration.objects.filter(meeting=meeting, code=normalised_code(code))
        .select_related("meeting")
        .first()
    )
    if registration is None:
        raise Refused(
            _("No registration for this meeting has the code “%(code)s”.") % {"code": code},
            field="code",
        )
    return registration


def check_in_by_code(meeting, *, code, user):
    """Check in the registrant of ``meeting`` whose code was typed at the door."""
    registration = registration_by_code(meeting, code)
    return check_in(registration, way=Way.CODE, user=user, field="code")


@transaction.atomic
def record_walk_in(meeting, *, settlement, group, name="", user):
    """Record someone who came without registering: settlement and group, the name if given."""
    meeting = _locked_meeting(meeting)
    return Attendance.objects.create(
        meeting=meeting,
        name=name.strip(),
        settlement=settlement,
        group=group,
        way=Way.WALK_IN,
        recorded_by=user,
    )


@transaction.atomic
def remove_attendance(attendance, *, user, reason=""):
    """Take back a check-in or walk-in recorded by mistake; the history keeps what it was."""
    meeting = _locked_meeting(attendance.meeting)
    attendance = Attendance.objects.select_related("settlement", "group").get(pk=attendance.pk)
    changes = {
        name: [new, ""] for name, (_old, new) in created(attendance, RECORDED_FIELDS).items()
    }
    attendance.delete()
    log_action(meeting, "meetings.attendance_removed", user=user, changes=changes, reason=reason)
    return meeting


# The signed sheet typed in

# A line's settlement left empty; None is someone from outside the municipality.
NOT_GIVEN = ""


@dataclass(frozen=True)
class SheetRow:
    """A line written on the sheet by someone not printed on it."""

    name: str = ""
    settlement: Settlement | str | None = NOT_GIVEN
    group: StakeholderGroup | None = None

    @property
    def is_blank(self):
        return not self.name.strip() and self.settlement == NOT_GIVEN and self.group is None


@transaction.atomic
def type_in_sheet(meeting, *, signed, rows, user):
    """Type in the signed sheet: each registrant in ``signed`` is checked in and each filled
    line of ``rows`` recorded, all or nothing. Registrants already checked in at the door stay as
    they are. A refusal names ``signed`` or the field ``<settlement|group>_<line>`` at fault."""
    meeting = _locked_meeting(meeting)
    filled = [(index, row) for index, row in enumerate(rows) if not row.is_blank]
    if not signed and not filled:
        raise Refused(_("Nothing is ticked or typed in: the sheet has not been saved."))
    present = set(
        Attendance.objects.filter(registration__in=signed).values_list("registration", flat=True)
    )
    for registration in signed:
        if registration.meeting_id != meeting.pk:
            raise Refused(_("Tick only people registered for this meeting."), field="signed")
        if registration.pk not in present:
            _check_can_check_in(registration, field="signed")
    for index, row in filled:
        missing = {"settlement": row.settlement == NOT_GIVEN, "group": row.group is None}
        for name in ("settlement", "group"):
            if missing[name]:
                raise Refused(
                    _("Give the settlement and the group of each line written in."),
                    field=f"{name}_{index}",
                )
    added = [
        _attendance_of(registration, meeting, Way.SHEET, user)
        for registration in signed
        if registration.pk not in present
    ]
    added += [
        Attendance(
            meeting=meeting,
            name=row.name.strip(),
            settlement=row.settlement,
            group=row.group,
            way=Way.SHEET,
            recorded_by=user,
        )
        for _index, row in filled
    ]
    Attendance.objects.bulk_create(added)
    log_action(
        meeting,
        "meetings.sheet_typed_in",
        user=user,
        changes={
            "registrants": ["", str(len(added) - len(filled))],
            "written_in": ["", str(len(filled))],
        },
    )
    return added


@transaction.atomic
def add_signed_sheet(meeting, *, file, user):
    """Keep the scan of the signed sheet (an ``uploads.CheckedFile``) where only staff read it.
    A closed meeting still takes its scan: the record of who came may arrive later."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    sheet = SignedSheet(meeting=meeting, sha256=file.sha256, uploaded_by=user)
    storage = SignedSheet._meta.get_field("file").storage
    sheet.file.name = storage.save(
        uploads.private_name("meetings", f"sheet{file.extension}"), ContentFile(file.data)
    )
    sheet.save()
    log_action(
        meeting, "meetings.signed_sheet_added", user=user, changes={"scan": ["", file.sha256]}
    )
    return sheet


@transaction.atomic
def close_meeting(meeting, *, user):
    """Close a meeting that has ended: its attendance is final and public from now on."""
    meeting = _locked_meeting(meeting)
    if meeting.ends_at > timezone.now():
        raise Refused(_("A meeting is closed only after it has ended."))
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["closed_at", "updated_at"])
    log_action(
        meeting,
        "meetings.closed",
        user=user,
        changes={"attendance": ["", str(meeting.attendance.count())]},
    )
    if meeting.certificates:
        send_certificates(meeting)
    return meeting


def send_certificates(meeting):
    """Once the current transaction commits, queue the certificate e-mail of each registrant
    checked in at ``meeting`` who gave an address and has not been sent it; how many. Each is
    sent once however often this runs (``emails.send_certificate`` claims the row)."""
    if not meeting.certificates:
        raise Refused(
            _("This meeting gives no certificates of attendance: turn them on in its details.")
        )
    if meeting.closed_at is None:
        raise Refused(_("Certificates are sent once the meeting is closed: attendance is final."))
    due = list(certificates_due().filter(meeting=meeting).values_list("pk", flat=True))
    tasks.send_certificates(due)
    return len(due)
