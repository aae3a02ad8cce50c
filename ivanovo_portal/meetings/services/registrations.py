"""Registering for a meeting, cancelling, and the waiting list moving up, each one transaction
that first locks the meeting's row: two people registering at the same moment are counted one
after the other, so the places are never overbooked. Registrants are told by e-mail once the
transaction has committed (``notify``)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import created, log_action
from ivanovo_portal.refusals import Refused

from .. import listings
from ..emails import Notice
from ..models import Channel, Meeting, Registration
from ..tasks import notify

Status = Registration.Status
# Meetings people may still register for, be promoted in, or be told about.
LIVE = (Meeting.Status.SCHEDULED, Meeting.Status.POSTPONED)
# What the history keeps of a registration staff took: never the person's name or contact, which
# are erased after their retention period while the history stays.
ENTERED_FIELDS = ("settlement", "group", "channel", "status")

NO_CONSENT = _("Tick the box to agree that we keep your details for this meeting.")
NO_CONTACT = _(
    "Give an e-mail address or a phone number, so that we can tell you if the meeting changes."
)


def locked_meeting(meeting):
    """The meeting's row, locked until the transaction ends: every change to its registrations
    takes this lock first, so they happen one at a time."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def places_left(meeting):
    """How many places are still free (never below 0), or None when the meeting has no limit."""
    if meeting.capacity is None:
        return None
    return max(meeting.capacity - meeting.registrations.confirmed().count(), 0)


def _check_open(meeting, channel, now):
    if meeting.status == Meeting.Status.CANCELLED:
        raise Refused(_("This meeting has been cancelled: registration is closed."))
    if meeting.starts_at <= now:
        raise Refused(_("This meeting has already begun: registration is closed."))
    # Staff take registrations by phone or on paper until the meeting begins, also outside the
    # online window and while it is postponed.
    state = "open" if channel != Channel.ONLINE else listings.registration_state(meeting, now)
    if state == "not_yet":
        opens = timezone.localtime(meeting.registration_opens_at)
        raise Refused(
            _("Registration opens on %(date)s at %(time)s.")
            % {"date": f"{opens:%d.%m.%Y}", "time": f"{opens:%H:%M}"}
        )
    if state == "closed":
        raise Refused(_("Registration for this meeting has closed."))
    if state == "none" or meeting.status not in LIVE:
        raise Refused(_("Registration for this meeting is not open."))


@transaction.atomic
def register(
    meeting,
    *,
    name,
    settlement,
    group,
    email="",
    phone="",
    consent,
    channel=Channel.ONLINE,
    user=None,
):
    """Register someone for ``meeting``: confirmed while places are left, otherwise on the waiting
    list. ``channel`` says how it came (staff ``user`` enter those by phone or on paper). The
    person is told by e-mail when they gave an address."""
    meeting = locked_meeting(meeting)
    now = timezone.now()
    _check_open(meeting, channel, now)
    name, email, phone = name.strip(), email.strip(), phone.strip()
    if not name:
        raise Refused(_("Type the name of the person registering."), field="name")
    if not email and not phone:
        raise Refused(NO_CONTACT, field="email")
    if not consent:
        raise Refused(NO_CONSENT, field="consent")
    standing = meeting.registrations.exclude(status=Status.CANCELLED)
    if email and standing.filter(email__iexact=email).exists():
        raise Refused(
            _("Someone has already registered for this meeting with this e-mail address."),
            field="email",
        )
    left = places_left(meeting)
    registration = Registration.objects.create(
        meeting=meeting,
        name=name,
        settlement=settlement,
        group=group,
        email=email,
        phone=phone,
        consented_at=now,
        channel=channel,
        entered_by=user if channel != Channel.ONLINE else None,
        status=Status.CONFIRMED if left is None or left > 0 else Status.WAITING,
    )
    if channel != Channel.ONLINE:
        log_action(
            registration,
            "meetings.registration_entered",
            user=user,
            changes=created(registration, ENTERED_FIELDS),
        )
    notify(
        [registration],
        Notice.CONFIRMED if registration.status == Status.CONFIRMED else Notice.WAITING,
    )
    return registration


@transaction.atomic
def cancel(registration, *, user=None):
    """Cancel a registration (by its person through the signed link, or by staff ``user``); the
    place it frees goes to the first on the waiting list, who is told."""
    meeting = locked_meeting(registration.meeting)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        raise Refused(_("This registration has already been cancelled."))
    if meeting.starts_at <= timezone.now():
        raise Refused(_("This meeting has already begun: the registration can no longer change."))
    before = registration.get_status_display()
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if user is not None:
        log_action(
            registration,
            "meetings.registration_cancelled",
            user=user,
            changes={"status": [str(before), str(registration.get_status_display())]},
        )
    promote(meeting)
    return registration


def promote(meeting):
    """Confirm people from the waiting list, first come first served, while ``meeting`` (locked
    by the caller) has places left, and tell them; those promoted. Nothing moves for a meeting
    that is cancelled or has begun."""
    if meeting.status not in LIVE or meeting.starts_at <= timezone.now():
        return []
    waiting = meeting.registrations.waiting().select_for_update()
    left = places_left(meeting)
    promoted = list(waiting if left is None else waiting[:left])
    now = timezone.now()
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.promoted_at = now
    Registration.objects.bulk_update(promoted, ["status", "promoted_at"])
    notify(promoted, Notice.PROMOTED)
    return promoted
