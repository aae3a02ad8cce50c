"""Meetings as iCalendar (RFC 5545): one VEVENT per meeting, for the feed, a meeting's own file
and the e-mails' attachment.

Times are written in UTC ("Z"), which every calendar turns into its owner's local time: stored
aware, a meeting at 18:00 Sofia time on the day summer time begins is 15:00Z and shows at 18:00,
with no time-zone table of our own to keep right. The UID is the meeting's and never changes, and
SEQUENCE rises with every change registrants are told of, so a calendar replaces the event (or
marks it cancelled) instead of adding a second one.
"""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation

from .models import Meeting

MEDIA_TYPE = "text/calendar; charset=utf-8"
PRODUCT = "-//Ivanovo participation portal//Meetings//BG"
STATUSES = {
    Meeting.Status.DRAFT: "TENTATIVE",
    Meeting.Status.SCHEDULED: "CONFIRMED",
    Meeting.Status.POSTPONED: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}
# A content line is folded after 75 octets (RFC 5545 §3.1).
LINE_OCTETS = 75


def calendar(meetings, *, name=""):
    """The iCalendar file of ``meetings``, as bytes, ``name`` the calendar's title."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{_text(name)}")
    text = "".join(_folded(line) for line in lines)
    text += "".join(event(meeting) for meeting in meetings)
    text += _folded("END:VCALENDAR")
    return text.encode()


def event(meeting):
    """The VEVENT of ``meeting``, as folded text ending in CRLF."""
    with translation.override(settings.LANGUAGE_CODE):
        url = settings.PORTAL_URL + meeting.get_absolute_url()
    description = [meeting.summary]
    if meeting.status_note and meeting.status != Meeting.Status.SCHEDULED:
        description.append(meeting.status_note)
    if meeting.online_url:
        description.append(meeting.online_url)
    description.append(url)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(meeting)}",
        f"DTSTAMP:{_utc(meeting.updated_at)}",
        f"LAST-MODIFIED:{_utc(meeting.updated_at)}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(meeting.ends_at)}",
        f"SEQUENCE:{meeting.sequence}",
        f"STATUS:{STATUSES[meeting.status]}",
        f"SUMMARY:{_text(meeting.title)}",
        f"LOCATION:{_text(location(meeting))}",
        f"DESCRIPTION:{_text(chr(10).join(part for part in description if part))}",
        f"URL:{url}",
        "END:VEVENT",
    ]
    return "".join(_folded(line) for line in lines)


def uid(meeting):
    """The meeting's lasting identifier in every calendar: its number at the portal's host."""
    return f"meeting-{meeting.pk}@{urlsplit(settings.PORTAL_URL).hostname}"


def location(meeting):
    """Where: the venue and its address."""
    return ", ".join(part for part in (meeting.venue, meeting.address) if part)


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _text(value):
    """A TEXT value escaped (RFC 5545 §3.3.11): what people typed stays literal."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _folded(line):
    """``line`` with CRLF, folded into parts of at most 75 octets without splitting a character;
    each continuation starts with a space."""
    parts, part, size = [], "", 0
    for character in line:
        octets = len(character.encode())
        # A continuation's leading space counts towards its 75 octets.
        limit = LINE_OCTETS if not parts else LINE_OCTETS - 1
        if size + octets > limit:
            parts.append(part)
            part, size = "", 0
        part += character
        size += octets
    parts.append(part)
    return "\r\n ".join(parts) + "\r\n"
