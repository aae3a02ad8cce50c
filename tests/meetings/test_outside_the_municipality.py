"""People from outside the municipality — guests from Ruse at the conference — register, are
checked in at the door, written on the sheet, and counted on a line of their own, which the public
reads under the same protection as any settlement's."""

import pytest
from django.urls import reverse

from ivanovo_portal.accounts.personal_data import Person, export
from ivanovo_portal.meetings import selectors
from ivanovo_portal.meetings.models import Attendance, Meeting, Registration
from ivanovo_portal.meetings.pdf import render_sign_in_sheet_pdf
from ivanovo_portal.meetings.services.attendance import (
    SheetRow,
    check_in_by_code,
    close_meeting,
    record_walk_in,
    type_in_sheet,
)
from ivanovo_portal.places.forms import OUTSIDE
from ivanovo_portal.places.models import Settlement, StakeholderGroup
from ivanovo_portal.refusals import Refused

from .conftest import build_meeting, register
from .test_sign_in_sheet import pdf_text

pytestmark = pytest.mark.django_db
Way = Attendance.Way


def place(slug="pirgovo"):
    return Settlement.objects.get(slug=slug)


def group(slug="citizens"):
    return StakeholderGroup.objects.get(slug=slug)


def lines(counts):
    return {line.key: line.count for line in [*counts.by_group, *counts.by_settlement]}


@pytest.fixture
def conference(db):
    return build_meeting(
        slug="konferentsiya-ruse",
        title="Заключителна конференция",
        kind=Meeting.Kind.CONFERENCE,
        settlement=None,
        venue="Областна администрация Русе, зала 1",
        address="гр. Русе, пл. „Свобода“ 6",
        capacity=None,
    )


def registration_data(**fields):
    return {
        "name": "Николай Русев",
        "settlement": OUTSIDE,
        "group": group("ngos").pk,
        "email": "nikolay@example.org",
        "consent": "on",
        **fields,
    }


def test_a_guest_from_ruse_registers_for_the_conference_and_is_counted_outside(
    client, conference, staff, english
):
    response = client.post(
        reverse("meetings:register", args=[conference.slug]), registration_data()
    )
    assert response.status_code == 302
    guest = Registration.objects.get()
    assert guest.settlement is None

    check_in_by_code(conference, code=guest.code, user=staff)

    counts = selectors.counts_for(conference)
    assert {line.label: line.count for line in counts.by_settlement} == {
        "Outside the municipality": 1
    }
    assert lines(counts)[selectors.OUTSIDE_KEY] == counts.total == 1


def test_the_registration_form_offers_outside_and_refuses_no_choice_by_the_field(
    client, conference, english
):
    url = reverse("meetings:register", args=[conference.slug])
    assert "Outside the municipality" in client.get(url).text

    response = client.post(url, registration_data(settlement=""))

    form = response.context["form"]
    assert list(form.errors) == ["settlement"]
    assert "or “outside the municipality”" in form.errors["settlement"][0]
    assert 'value="Николай Русев"' in response.text
    assert not Registration.objects.exists()


def test_staff_register_a_guest_from_outside_by_phone_and_the_list_says_so(
    client, conference, staff, english
):
    client.force_login(staff)
    url = reverse("meetings:manage_registrations", args=[conference.slug])
    data = {"name": "Петя Русева", "group": group().pk, "phone": "0888 123 456"}
    data |= {"channel": "phone", "consent": "on"}

    refused = client.post(url, {**data, "settlement": ""})
    assert list(refused.context["form"].errors) == ["settlement"]
    assert client.post(url, {**data, "settlement": OUTSIDE}).status_code == 302

    assert Registration.objects.get().settlement is None
    assert "outside the municipality" in client.get(url).text


def test_a_walk_in_from_outside_is_recorded_and_shown_at_the_door(
    client, conference, staff, english
):
    client.force_login(staff)
    walk_in = reverse("meetings:door_walk_in", args=[conference.slug])

    refused = client.post(walk_in, {"settlement": "", "group": group("media").pk})
    assert list(refused.context["walk_in_form"].errors) == ["settlement"]
    response = client.post(
        walk_in, {"settlement": OUTSIDE, "group": group("media").pk}, follow=True
    )

    attendance = Attendance.objects.get()
    assert (attendance.way, attendance.settlement) == (Way.WALK_IN, None)
    assert "Walk-in recorded (outside the municipality, Media)." in response.text


def test_the_sheet_typed_in_takes_a_line_from_outside(client, conference, staff):
    client.force_login(staff)
    response = client.post(
        reverse("meetings:sheet_entry", args=[conference.slug]),
        {
            "name_0": "Гост от Русе",
            "settlement_0": OUTSIDE,
            "group_0": group("businesses").pk,
            "name_1": "Жител на Пиргово",
            "settlement_1": place().pk,
            "group_1": group().pk,
        },
    )

    assert response.status_code == 302
    by_name = {a.name: a.settlement for a in Attendance.objects.filter(way=Way.SHEET)}
    assert by_name == {"Гост от Русе": None, "Жител на Пиргово": place()}


def test_a_sheet_line_with_no_settlement_chosen_is_still_refused_by_its_field(
    client, conference, staff
):
    client.force_login(staff)
    response = client.post(
        reverse("meetings:sheet_entry", args=[conference.slug]),
        {"name_0": "Без място", "settlement_0": "", "group_0": group().pk},
    )

    assert list(response.context["form"].errors) == ["settlement_0"]
    assert not Attendance.objects.exists()


def test_the_sheet_prints_a_registrant_from_outside_as_such(conference):
    register(conference, "Николай Русев", settlement=None)

    assert "Николай Русев извън общината" in pdf_text(render_sign_in_sheet_pdf(conference))


def test_the_persons_copy_names_where_they_come_from(conference, english):
    register(conference, "Николай Русев", settlement=None, email="nikolay@example.org")

    found = export(Person(email="nikolay@example.org"))

    assert found["meeting_registrations"][0]["place"] == "outside the municipality"


def closed_with(slug, staff, days_ago, *, pirgovo, outside):
    meeting = build_meeting(slug=slug, days=-days_ago, capacity=None)
    for settlement, n in ((place(), pirgovo), (None, outside)):
        for _ in range(n):
            record_walk_in(meeting, settlement=settlement, group=group(), user=staff)
    close_meeting(meeting, user=staff)
    return meeting


def test_the_public_counts_protect_the_outside_line_like_any_other(staff, english):
    few = closed_with("malko-gosti", staff, 3, pirgovo=6, outside=2)
    many = closed_with("mnogo-gosti", staff, 2, pirgovo=7, outside=5)

    public = selectors.public_attendance()

    # Two guests are withheld, and so is Пиргово, which the total minus them would give away.
    assert lines(public.of(few))[selectors.OUTSIDE_KEY] is None
    assert lines(public.of(few))[("place", place().pk)] is None
    assert public.of(few).total == 8
    assert lines(public.of(many))[selectors.OUTSIDE_KEY] == 5
    assert lines(public.of(many))[("place", place().pk)] == 7
    # The total's outside line (7) minus the second meeting's (5) would give the first's 2.
    assert lines(public.total)[selectors.OUTSIDE_KEY] is None
    exact = selectors.total_counts([few, many])
    assert lines(exact)[selectors.OUTSIDE_KEY] == 7


def test_the_public_page_labels_the_outside_line(client, staff, english):
    meeting = closed_with("gosti", staff, 2, pirgovo=5, outside=5)

    response = client.get(reverse("meetings:attendance", args=[meeting.slug]))

    assert "Outside the municipality" in response.text


def test_a_sheet_line_from_outside_still_needs_its_group(conference, staff):
    assert SheetRow().is_blank and not SheetRow(settlement=None).is_blank

    with pytest.raises(Refused) as refusal:
        type_in_sheet(
            conference, signed=[], rows=[SheetRow(name="Гост", settlement=None)], user=staff
        )

    assert refusal.value.field == "group_0"
