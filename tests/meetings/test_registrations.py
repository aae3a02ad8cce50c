"""Registering without an account: the places, the waiting list moving up on a cancellation,
refusals by the field, staff taking registrations by phone or on paper, and the pages — the form
sent back with its errors, the confirmation, and the signed cancel link that asks first."""

from datetime import timedelta

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from ivanovo_portal import floods
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.meetings import links
from ivanovo_portal.meetings.models import Channel, Meeting, Registration
from ivanovo_portal.meetings.services import registrations as services
from ivanovo_portal.places.models import Settlement, StakeholderGroup
from ivanovo_portal.refusals import Refused
from ivanovo_portal.slugs import transliterate

from .conftest import build_meeting, register

pytestmark = pytest.mark.django_db
Status = Registration.Status


def details(email="", phone="", consent=True, name="Мария Иванова"):
    return {
        "name": name,
        "settlement": Settlement.objects.get(slug="pirgovo"),
        "group": StakeholderGroup.objects.get(slug="citizens"),
        "email": email,
        "phone": phone,
        "consent": consent,
    }


def sign_up(meeting, name, **fields):
    """Register ``name`` online with an e-mail address made of their first name: ana@example.org."""
    first = transliterate(name.split()[0]).lower()
    return services.register(meeting, **details(email=f"{first}@example.org", name=name, **fields))


def form_data(**fields):
    return {
        "name": "Мария Иванова",
        "settlement": Settlement.objects.get(slug="pirgovo").pk,
        "group": StakeholderGroup.objects.get(slug="citizens").pk,
        "email": "maria@example.org",
        "phone": "",
        "consent": "on",
        **fields,
    }


def test_the_places_are_confirmed_in_turn_then_the_waiting_list_fills(meeting):
    people = [sign_up(meeting, name) for name in ("Ана А", "Борис Б", "Вера В", "Галя Г", "Дим Д")]

    assert [person.status for person in people] == [Status.CONFIRMED] * 3 + [Status.WAITING] * 2
    assert services.places_left(meeting) == 0
    assert meeting.registrations.confirmed().count() == 3


def test_places_left_counts_only_confirmed_places_and_none_means_no_limit(meeting):
    sign_up(meeting, "Ана А")
    register(meeting, "Борис Б", status=Status.CANCELLED)

    assert services.places_left(meeting) == 2
    unlimited = build_meeting(slug="bez-limit", capacity=None)
    assert services.places_left(unlimited) is None
    assert sign_up(unlimited, "Ана А").status == Status.CONFIRMED


def test_a_cancellation_moves_the_first_waiting_person_up_and_tells_them(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    first, *_ = [sign_up(meeting, name) for name in ("Ана А", "Борис Б", "Вера В")]
    waiting = [sign_up(meeting, name) for name in ("Галя Г", "Дим Д")]
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(first)

    first.refresh_from_db()
    promoted, still_waiting = (Registration.objects.get(pk=r.pk) for r in waiting)
    assert first.status == Status.CANCELLED and first.cancelled_at is not None
    assert promoted.status == Status.CONFIRMED and promoted.promoted_at is not None
    assert still_waiting.status == Status.WAITING
    assert [message.to for message in mailoutbox] == [["galya@example.org"]]
    assert promoted.code in mailoutbox[0].body
    assert mailoutbox[0].attachments[0][0].endswith(".ics")


def test_leaving_the_waiting_list_moves_nobody_up(meeting):
    for name in ("Ана А", "Борис Б", "Вера В"):
        sign_up(meeting, name)
    leaving, staying = sign_up(meeting, "Галя Г"), sign_up(meeting, "Дим Д")

    services.cancel(leaving)

    assert Registration.objects.get(pk=staying.pk).status == Status.WAITING
    assert meeting.registrations.confirmed().count() == 3


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"email": "", "phone": ""}, "email"),
        ({"consent": False}, "consent"),
        ({"name": "   "}, "name"),
    ],
)
def test_registration_is_refused_by_the_field_and_nothing_is_saved(meeting, fields, field):
    with pytest.raises(Refused) as refusal:
        services.register(meeting, **{**details(email="ana@example.org"), **fields})

    assert refusal.value.field == field
    assert not Registration.objects.exists()


def test_the_same_email_cannot_register_twice_unless_it_cancelled(meeting, english):
    first = sign_up(meeting, "Ана А")
    with pytest.raises(Refused, match="already registered") as refusal:
        services.register(meeting, **details(email="ANA@example.org"))
    assert refusal.value.field == "email"

    services.cancel(first)
    assert services.register(meeting, **details(email="ana@example.org")).status == Status.CONFIRMED


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": Meeting.Status.CANCELLED}, "cancelled"),
        ({"status": Meeting.Status.DRAFT}, "not open"),
        ({"status": Meeting.Status.POSTPONED}, "not open"),
        ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "opens on"),
        ({"registration_closes_at": timezone.now() - timedelta(hours=1)}, "has closed"),
        ({"days": -1}, "already begun"),
    ],
)
def test_registration_outside_its_time_is_refused(english, fields, message):
    meeting = build_meeting(**fields)

    with pytest.raises(Refused, match=message):
        sign_up(meeting, "Ана А")
    assert not Registration.objects.exists()


def test_staff_take_a_registration_by_phone_after_the_online_window_closed(staff):
    meeting = build_meeting(registration_closes_at=timezone.now() - timedelta(hours=1))

    registration = services.register(
        meeting, **details(phone="0888 123 456"), channel=Channel.PHONE, user=staff
    )

    assert registration.channel == Channel.PHONE
    assert registration.entered_by == staff
    entry = Entry.objects.get(object_id=registration.pk, action="meetings.registration_entered")
    assert entry.actor == staff
    assert entry.changes["channel"] == ["", str(Channel.PHONE.label)]
    # The history outlives the registration's retention: it keeps no name and no contact.
    assert {"name", "email", "phone"}.isdisjoint(entry.changes)
    assert "0888" not in str(entry.changes)


def test_an_online_registration_records_nobody_as_entering_it(meeting, resident):
    registration = services.register(meeting, **details(email="a@example.org"), user=resident)

    assert registration.entered_by is None
    assert not Entry.objects.filter(object_id=registration.pk).exists()


def test_staff_cancelling_is_recorded(meeting, staff):
    registration = sign_up(meeting, "Ана А")

    services.cancel(registration, user=staff)

    entry = Entry.objects.get(action="meetings.registration_cancelled")
    assert entry.actor == staff and entry.object_id == registration.pk


def test_a_cancelled_registration_cannot_be_cancelled_again(meeting, english):
    registration = sign_up(meeting, "Ана А")
    services.cancel(registration)

    with pytest.raises(Refused, match="already been cancelled"):
        services.cancel(registration)


# The pages.


def test_the_form_registers_and_leads_to_the_confirmation(client, meeting):
    response = client.post(reverse("meetings:register", args=[meeting.slug]), form_data())

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "meetings:registered", args=[meeting.slug, registration.code]
    )
    assert registration.channel == Channel.ONLINE
    assert registration.consented_at is not None


def test_the_form_with_errors_comes_back_with_what_was_typed_and_saves_nothing(
    client, meeting, english
):
    response = client.post(
        reverse("meetings:register", args=[meeting.slug]),
        form_data(email="", phone="12", consent=""),
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert "Type a phone number" in form.errors["phone"][0]
    assert "Tick the box" in form.errors["consent"][0]
    assert 'value="Мария Иванова"' in response.text
    assert not Registration.objects.exists()


def test_the_form_says_by_the_field_when_no_way_to_reach_the_person_is_given(
    client, meeting, english
):
    response = client.post(
        reverse("meetings:register", args=[meeting.slug]), form_data(email="", phone="")
    )

    assert "phone number" in response.context["form"].errors["email"][0]
    assert not Registration.objects.exists()


def test_a_refusal_of_the_service_lands_by_its_field(client, meeting):
    sign_up(meeting, "Мария Иванова")

    response = client.post(reverse("meetings:register", args=[meeting.slug]), form_data())

    assert response.context["form"].errors["email"]
    assert Registration.objects.count() == 1


def test_a_flood_of_registrations_from_one_address_needs_the_browser_check(client, english):
    meeting = build_meeting(capacity=None)
    url = reverse("meetings:register", args=[meeting.slug])
    for number in range(floods.FREE_PER_HOUR):
        client.post(url, form_data(email=f"person{number}@example.org"))

    response = client.post(url, form_data(email="one.more@example.org"))

    assert Registration.objects.count() == floods.FREE_PER_HOUR
    assert "JavaScript" in str(response.context["form"].non_field_errors())
    assert response.context["proof_of_work"]


def test_the_registration_page_offers_the_form_only_while_registration_is_open(client):
    open_meeting = build_meeting()
    closed = build_meeting(
        slug="zatvoreno", registration_closes_at=timezone.now() - timedelta(hours=1)
    )

    page = client.get(reverse("meetings:register", args=[open_meeting.slug]))
    assert page.status_code == 200 and 'name="consent"' in page.text

    page = client.get(reverse("meetings:register", args=[closed.slug]))
    assert page.status_code == 200 and 'name="consent"' not in page.text


def test_a_draft_meeting_takes_no_registration(client):
    meeting = build_meeting(status=Meeting.Status.DRAFT)

    response = client.post(reverse("meetings:register", args=[meeting.slug]), form_data())

    assert response.status_code == 404


def test_the_confirmation_states_the_time_place_and_code(client, meeting):
    registration = sign_up(meeting, "Ана А")

    response = client.get(reverse("meetings:registered", args=[meeting.slug, registration.code]))

    local = timezone.localtime(meeting.starts_at)
    assert response.status_code == 200
    assert registration.code in response.text
    assert f"{local:%d.%m.%Y}" in response.text and "18:00–20:00" in response.text
    assert meeting.venue in response.text and meeting.address in response.text
    assert reverse("meetings:ics", args=[meeting.slug]) in response.text
    assert reverse("meetings:cancel", args=[links.cancel_token(registration)]) in response.text
    assert 'src="data:image/svg+xml' in response.text


def test_the_confirmation_of_another_meetings_code_is_not_found(client, meeting):
    other = build_meeting(slug="drugo")
    registration = sign_up(other, "Ана А")

    response = client.get(reverse("meetings:registered", args=[meeting.slug, registration.code]))

    assert response.status_code == 404


def test_the_cancel_link_asks_first_and_cancels_only_when_the_button_is_pressed(client, meeting):
    registration = sign_up(meeting, "Ана А")
    url = reverse("meetings:cancel", args=[links.cancel_token(registration)])

    page = client.get(url)
    assert page.status_code == 200 and registration.code in page.text
    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED

    response = client.post(url)
    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).status == Status.CANCELLED


def test_a_tampered_cancel_link_is_refused(client, meeting):
    victim = sign_up(meeting, "Ана А")
    mine = sign_up(meeting, "Борис Б")
    signature = links.cancel_token(mine).split(".")[1]

    for token in (f"{victim.code}.{signature}", f"{victim.code}.x", victim.code + ".AAAA"):
        url = f"/events/cancel/{token}/"
        assert client.post(url).status_code == 404, token
    assert links.registration_for_token(f"{victim.code}.{signature}") is None
    assert Registration.objects.get(pk=victim.pk).status == Status.CONFIRMED


def test_the_cancel_page_tells_when_the_meeting_has_begun(client, english):
    meeting = build_meeting()
    registration = sign_up(meeting, "Ана А")
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(minutes=5), ends_at=timezone.now() + timedelta(hours=1)
    )

    response = client.post(
        reverse("meetings:cancel", args=[links.cancel_token(registration)]),
    )

    assert response.status_code == 200
    assert "already begun" in response.context["refusal"]
    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/events/cancel/ABCD2345.c2lnbmF0dXJl/", "cancel"),
        ("/events/cancel/", "detail"),
        ("/events/cancel/register/", "register"),
        ("/events/sabranie/register/", "register"),
        ("/events/sabranie/registered/ABCD2345/", "registered"),
        ("/events/sabranie/", "detail"),
    ],
)
def test_the_registration_addresses_and_a_meetings_page_do_not_swallow_each_other(path, name):
    assert resolve(path).url_name == name
