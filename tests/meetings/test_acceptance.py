"""Issue 11's acceptance for public meetings, through the pages: a resident on a phone finds the
meeting in their village, registers and gets the e-mail with the date, time, place and the .ics;
a full meeting puts the next one on the waiting list and a cancellation by the e-mailed link
promotes them; staff check people in at the door on a phone and close the meeting, and the
counts move."""

import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.meetings.models import Registration
from ivanovo_portal.places.models import Settlement, StakeholderGroup

from .conftest import build_meeting

PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14; Pixel 7) Mobile"}


def form(name, email):
    return {
        "name": name,
        "settlement": Settlement.objects.get(slug="pirgovo").pk,
        "group": StakeholderGroup.objects.get(slug="citizens").pk,
        "email": email,
        "phone": "",
        "consent": "on",
    }


def test_from_finding_the_meeting_to_the_door(
    client, django_capture_on_commit_callbacks, staff, db
):
    meeting = build_meeting(capacity=1)
    pirgovo = Settlement.objects.get(slug="pirgovo")

    listing = client.get(reverse("meetings:list"), {"settlement": pirgovo.pk}, **PHONE)
    assert meeting.get_absolute_url() in listing.content.decode()
    assert client.get(meeting.get_absolute_url(), **PHONE).status_code == 200

    register = reverse("meetings:register", args=[meeting.slug])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(register, form("Иван Петров", "ivan@example.org"), **PHONE)
    assert first.status_code == 302
    ivan = Registration.objects.get(email="ivan@example.org")
    assert ivan.status == Registration.Status.CONFIRMED
    [confirmation] = mail.outbox
    starts = timezone.localtime(meeting.starts_at)
    assert f"{starts:%d.%m.%Y}" in confirmation.body and f"{starts:%H:%M}" in confirmation.body
    assert meeting.venue in confirmation.body and ivan.code in confirmation.body
    ((_name, calendar, media_type),) = confirmation.attachments
    assert media_type.startswith("text/calendar") and "BEGIN:VEVENT" in str(calendar)

    # The meeting is full: the next one waits, and moves up when the first cancels.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register, form("Мария Иванова", "maria@example.org"), **PHONE)
    maria = Registration.objects.get(email="maria@example.org")
    assert maria.status == Registration.Status.WAITING
    cancel_link = re.search(r"https?://\S+/cancel/\S+/", confirmation.body).group(0)
    cancel_path = cancel_link.split("://", 1)[1].split("/", 1)[1]
    assert client.get(f"/{cancel_path}").status_code == 200
    ivan.refresh_from_db()
    assert ivan.status == Registration.Status.CONFIRMED  # GET only asks
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/{cancel_path}").status_code in (200, 302)
    ivan.refresh_from_db()
    maria.refresh_from_db()
    assert (ivan.status, maria.status) == (
        Registration.Status.CANCELLED,
        Registration.Status.CONFIRMED,
    )
    assert mail.outbox[-1].to == ["maria@example.org"]

    # At the door, on a phone.
    client.force_login(staff)
    door = reverse("meetings:door", args=[meeting.slug])
    assert client.post(door, {"code": maria.code.lower()}, **PHONE).status_code in (200, 302)
    assert meeting.attendance.get().registration == maria
