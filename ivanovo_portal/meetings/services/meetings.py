"""A meeting's status and its time and place, each change one transaction on the meeting's locked
row, recorded in its history. A change registrants rely on — postponed, cancelled, another time
or place — raises the meeting's ``sequence`` (the .ics's SEQUENCE) and tells every confirmed and
waiting registrant."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import changed, log_action, tracked
from ivanovo_portal.refusals import Refused

from ..emails import Notice
from ..models import Meeting, Registration
from ..tasks import notify
from .registrations import LIVE, locked_meeting, promote

Status = Meeting.Status
# A change of these is a change of time or place: registrants are told of it.
TIME_FIELDS = ("starts_at", "ends_at")
PLACE_FIELDS = ("settlement", "venue", "address")
# Fields only the steps below change, never an edit.
STEP_FIELDS = ("status", "status_note", "sequence", "closed_at", "created_by")


def _tell_registrants(meeting, notice, *, times_changed):
    """Raise the meeting's sequence and tell everyone confirmed or waiting; a reminder already
    sent for the old time is sent again before the new one."""
    meeting.sequence += 1
    registrations = meeting.registrations.exclude(status=Registration.Status.CANCELLED)
    if times_changed:
        registrations.filter(status=Registration.Status.CONFIRMED).update(reminded_at=None)
    notify(list(registrations), notice)


def _check_times(starts_at, ends_at):
    if ends_at <= starts_at:
        raise Refused(_("The meeting must end after it starts."), field="ends_at")


def _check_still_to_come(meeting):
    if meeting.status == Status.DRAFT:
        raise Refused(_("A draft is not public yet: change it, or schedule it."))
    if meeting.status == Status.CANCELLED:
        raise Refused(_("This meeting has already been cancelled."))
    if meeting.starts_at <= timezone.now():
        raise Refused(_("This meeting has already begun."))


@transaction.atomic
def schedule(meeting, *, user):
    """Publish a draft meeting, or take up again a postponed one at its new time: it shows on
    /events/ as scheduled and takes registrations (within its window)."""
    meeting = locked_meeting(meeting)
    if meeting.status not in (Status.DRAFT, Status.POSTPONED):
        raise Refused(_("Only a draft or a postponed meeting can be scheduled."))
    before = tracked(meeting, ("status",))
    meeting.status = Status.SCHEDULED
    meeting.save(update_fields=["status", "updated_at"])
    log_action(meeting, "meetings.scheduled", user=user, changes=changed(before, meeting))
    return meeting


@transaction.atomic
def postpone(meeting, *, user, starts_at, ends_at, note):
    """Move a meeting still to come to a later time, saying why; registrations stay valid and
    every registrant is told."""
    meeting = locked_meeting(meeting)
    _check_still_to_come(meeting)
    note = note.strip()
    if not note:
        raise Refused(_("Say why the meeting is postponed: registrants are told."), field="note")
    if starts_at <= meeting.starts_at:
        raise Refused(
            _("A postponed meeting starts later than it was to start."), field="starts_at"
        )
    _check_times(starts_at, ends_at)
    before = tracked(meeting, ("status", *TIME_FIELDS))
    meeting.status = Status.POSTPONED
    meeting.starts_at, meeting.ends_at, meeting.status_note = starts_at, ends_at, note
    _tell_registrants(meeting, Notice.POSTPONED, times_changed=True)
    meeting.save()
    log_action(
        meeting, "meetings.postponed", user=user, changes=changed(before, meeting), reason=note
    )
    return meeting


@transaction.atomic
def cancel_meeting(meeting, *, user, note):
    """Cancel a meeting still to come, saying why; every registrant is told."""
    meeting = locked_meeting(meeting)
    _check_still_to_come(meeting)
    note = note.strip()
    if not note:
        raise Refused(_("Say why the meeting is cancelled: registrants are told."), field="note")
    before = tracked(meeting, ("status",))
    meeting.status, meeting.status_note = Status.CANCELLED, note
    _tell_registrants(meeting, Notice.CANCELLED, times_changed=False)
    meeting.save()
    log_action(
        meeting, "meetings.cancelled", user=user, changes=changed(before, meeting), reason=note
    )
    return meeting


@transaction.atomic
def update_meeting(meeting, *, user, **fields):
    """Change a meeting's details. When the time or the place of a public meeting still to come
    changes, registrants are told; more places move the waiting list up."""
    for name in fields:
        if name in STEP_FIELDS:
            raise TypeError(f"{name} changes through its own step, not update_meeting()")
    meeting = locked_meeting(meeting)
    before = tracked(meeting, fields)
    for name, value in fields.items():
        setattr(meeting, name, value)
    _check_times(meeting.starts_at, meeting.ends_at)
    opens, closes = meeting.registration_opens_at, meeting.registration_closes_at
    if opens and closes and closes <= opens:
        raise Refused(_("Registration must close after it opens."), field="registration_closes_at")
    confirmed = meeting.registrations.confirmed().count()
    if meeting.capacity is not None and meeting.capacity < confirmed:
        raise Refused(
            _("%(count)s people have a confirmed place: there cannot be fewer places.")
            % {"count": confirmed},
            field="capacity",
        )
    changes = changed(before, meeting)
    times_changed = any(name in changes for name in TIME_FIELDS)
    place_changed = any(name in changes for name in PLACE_FIELDS)
    still_to_come = meeting.status in LIVE and meeting.starts_at > timezone.now()
    if (times_changed or place_changed) and still_to_come:
        _tell_registrants(meeting, Notice.CHANGED, times_changed=times_changed)
    meeting.save()
    if changes:
        log_action(meeting, "meetings.updated", user=user, changes=changes)
    if "capacity" in changes:
        promote(meeting)
    return meeting
