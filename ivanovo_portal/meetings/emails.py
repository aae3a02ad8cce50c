"""E-mails to the people registered for a meeting: the confirmation, the waiting-list notice, the
place that opened for them, a change of time or place, a postponement or cancellation, the
reminder two days before, and after a meeting that gives them, the certificate of attendance.
Only to registrants who gave an address; sent by Celery workers (``tasks``), queued once the
change they tell of is committed.

Each states the meeting's date, time and place in its body, in Sofia time and in the portal's
language, as plain text with what people typed kept as typed; those that confirm a place or
change it carry the meeting's .ics, whose SEQUENCE makes a calendar update the event.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import models
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.project import PROJECT

from . import ics, links
from .certificates import certified
from .models import Attendance, Meeting, Registration

logger = logging.getLogger(__name__)
# Meetings whose registrants are still told and reminded.
LIVE = (Meeting.Status.SCHEDULED, Meeting.Status.POSTPONED)
REMINDER_DAYS = 2


class Notice(models.TextChoices):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    PROMOTED = "promoted"
    CHANGED = "changed"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    REMINDER = "reminder"


@dataclass(frozen=True)
class Kind:
    subject: str
    opening: str
    calendar: bool = True
    cancel_link: bool = True


# What each notice says first, and whether it carries the .ics and the link to cancel.
KINDS = {
    Notice.CONFIRMED: Kind(
        _("Your place at “%(title)s” on %(date)s"),
        _("Thank you for registering. Your place at the meeting is confirmed."),
    ),
    Notice.WAITING: Kind(
        _("Waiting list for “%(title)s” on %(date)s"),
        _(
            "Thank you for registering. All places at the meeting are taken, so you are on the "
            "waiting list. If someone cancels, the place goes to the first person waiting, and "
            "we will write to you at once if it is yours."
        ),
        calendar=False,
    ),
    Notice.PROMOTED: Kind(
        _("A place has opened for you at “%(title)s” on %(date)s"),
        _("Someone has cancelled and a place has opened: you now have a confirmed place."),
    ),
    Notice.CHANGED: Kind(
        _("Changed: “%(title)s” is now on %(date)s"),
        _("The time or the place of the meeting you registered for has changed. It is now:"),
    ),
    Notice.POSTPONED: Kind(
        _("Postponed: “%(title)s” is now on %(date)s"),
        _(
            "The meeting you registered for has been postponed. Your registration stays valid "
            "for the new date:"
        ),
    ),
    Notice.CANCELLED: Kind(
        _("Cancelled: “%(title)s” on %(date)s"),
        _("We are sorry: the meeting you registered for has been cancelled."),
        cancel_link=False,
    ),
    Notice.REMINDER: Kind(
        _("Reminder: “%(title)s” on %(date)s"),
        _("A reminder of the meeting you registered for, in two days."),
        calendar=False,
    ),
}


def when(meeting):
    """The meeting's day, date and hours in the portal's time zone, as a sentence states them:
    "неделя, 28.03.2027, 18:00–20:00"."""
    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    if starts.date() == ends.date():
        return gettext("%(day)s, %(date)s, %(start)s–%(end)s") % {
            "day": date_format(starts, "l"),
            "date": f"{starts:%d.%m.%Y}",
            "start": f"{starts:%H:%M}",
            "end": f"{ends:%H:%M}",
        }
    return f"{starts:%d.%m.%Y %H:%M} – {ends:%d.%m.%Y %H:%M}"


def message(registration, notice):
    """The e-mail ``notice`` to ``registration``'s person, in the portal's language and time."""
    kind, meeting = KINDS[notice], registration.meeting
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        starts = timezone.localtime(meeting.starts_at)
        subject = str(kind.subject) % {"title": meeting.title, "date": f"{starts:%d.%m.%Y}"}
        context = {
            "registration": registration,
            "meeting": meeting,
            "opening": kind.opening,
            "when": when(meeting),
            "where": ics.location(meeting),
            "show_note": meeting.status_note and meeting.status != Meeting.Status.SCHEDULED,
            "meeting_url": settings.PORTAL_URL + meeting.get_absolute_url(),
            "cancel_url": links.cancel_url(registration) if kind.cancel_link else "",
            "project": PROJECT,
            "portal_url": settings.PORTAL_URL,
        }
        body = render_to_string("meetings/email/notice.txt", context)
    email = EmailMessage(
        subject,
        body,
        to=[registration.email],
        reply_to=[PROJECT.beneficiary_email] if PROJECT.beneficiary_email else None,
    )
    if kind.calendar:
        email.attach(f"{meeting.slug}.ics", ics.calendar([meeting]), ics.MEDIA_TYPE)
    return email


def send(registration_id, notice):
    """Send ``notice`` to a registrant with an e-mail address whose registration still stands
    (or whose meeting was cancelled); how many were sent, 0 or 1."""
    registration = (
        Registration.objects.select_related("meeting")
        .exclude(email="")
        .filter(pk=registration_id)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if registration is None:
        return 0
    return mailers.default.send_messages([message(registration, notice)])


def reminders_due(now=None):
    """Confirmed registrations with an e-mail address, not reminded yet, for meetings still on
    that begin before the end of the day after tomorrow; not those confirmed only today, whose
    confirmation has just told them all."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    today_began = timezone.make_aware(datetime.combine(today, time.min))
    window_ends = today_began + timedelta(days=REMINDER_DAYS + 1)
    return (
        Registration.objects.confirmed()
        .exclude(email="")
        .filter(
            reminded_at__isnull=True,
            meeting__status__in=LIVE,
            meeting__starts_at__gt=now,
            meeting__starts_at__lt=window_ends,
        )
        .alias(confirmed_at=Coalesce("promoted_at", "created_at"))
        .filter(confirmed_at__lt=today_began)
    )


def send_reminders(now=None):
    """Remind each registrant due a reminder, once: the row is claimed before the e-mail goes and
    given back if it cannot be sent, to be tried at the next run. How many were reminded."""
    now = now or timezone.now()
    reminded = 0
    for registration in reminders_due(now).select_related("meeting"):
        claimed = reminders_due(now).filter(pk=registration.pk)
        if not claimed.update(reminded_at=timezone.now()):
            continue  # another run took it meanwhile
        try:
            mailers.default.send_messages([message(registration, Notice.REMINDER)])
        except Exception:
            logger.exception("Could not send the reminder of registration %s", registration.pk)
            Registration.objects.filter(pk=registration.pk).update(reminded_at=None)
            continue
        reminded += 1
    return reminded


# Certificates of attendance


def certificate_url(registration):
    """The absolute address that downloads the certificate of ``registration``'s holder."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("meetings:certificate", args=[registration.code])
    return f"{settings.PORTAL_URL}{path}"


def certificate_message(attendance):
    """The e-mail that gives ``attendance``'s person the link to their certificate, saying why
    they receive it and that it is the only one."""
    meeting, registration = attendance.meeting, attendance.registration
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        subject = gettext("Your certificate of attendance: “%(title)s”") % {"title": meeting.title}
        body = render_to_string(
            "meetings/email/certificate.txt",
            {
                "attendance": attendance,
                "meeting": meeting,
                "when": when(meeting),
                "where": ics.location(meeting),
                "certificate_url": certificate_url(registration),
                "project": PROJECT,
                "portal_url": settings.PORTAL_URL,
            },
        )
    return EmailMessage(
        # A title is one line in the subject, whatever was typed into it.
        " ".join(subject.split()),
        body,
        to=[registration.email],
        reply_to=[PROJECT.beneficiary_email] if PROJECT.beneficiary_email else None,
    )


def certificates_due():
    """Attendance with a certificate whose registrant gave an e-mail address and has not been
    sent it."""
    return certified().filter(certificate_sent_at__isnull=True).exclude(registration__email="")


def send_certificate(attendance_id):
    """E-mail one attendee their certificate, once: the row is claimed before the e-mail goes and
    given back if it cannot be sent (the task tries again). How many were sent, 0 or 1."""
    due = certificates_due().select_related("meeting", "registration")
    attendance = due.filter(pk=attendance_id).first()
    if attendance is None:
        return 0
    claimed = Attendance.objects.filter(pk=attendance.pk, certificate_sent_at__isnull=True)
    if not claimed.update(certificate_sent_at=timezone.now()):
        return 0  # another run took it meanwhile
    try:
        return mailers.default.send_messages([certificate_message(attendance)])
    except Exception:
        Attendance.objects.filter(pk=attendance.pk).update(certificate_sent_at=None)
        raise
