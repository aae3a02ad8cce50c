"""Attendance at the door on a phone: check-in by code, by the confirmation's QR code and by name,
walk-ins, corrections, the signed sheet typed in and its scan, closing the meeting, and the counts
by group and settlement — exact for staff, under disclosure control for the public."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from ivanovo_portal.audit.models import Entry
from ivanovo_portal.disclosure import MINIMUM
from ivanovo_portal.meetings import selectors
from ivanovo_portal.meetings.models import Attendance, Meeting, Registration, SignedSheet
from ivanovo_portal.meetings.services.attendance import (
    SheetRow,
    check_in,
    check_in_by_code,
    close_meeting,
    record_walk_in,
    remove_attendance,
    type_in_sheet,
)
from ivanovo_portal.places.models import Settlement, StakeholderGroup
from ivanovo_portal.refusals import Refused

from .conftest import build_meeting, register

Way = Attendance.Way
PERSONAS = [("staff", 200), ("official", 403), ("monitor", 403), ("resident", 403)]


def place(slug="pirgovo"):
    return Settlement.objects.get(slug=slug)


def group(slug="citizens"):
    return StakeholderGroup.objects.get(slug=slug)


def door(meeting):
    return reverse("meetings:door", args=[meeting.slug])


@pytest.fixture
def held(db):
    """A meeting that ended yesterday, not yet closed."""
    return build_meeting(slug="sabranie-krasen", days=-1, capacity=None)


# Who may open the door


@pytest.mark.parametrize("persona, expected", [*PERSONAS, ("outsider", 403)])
def test_only_staff_open_the_door_screens(client, meeting, persona, expected, request):
    registration = register(meeting)
    client.force_login(request.getfixturevalue(persona))
    for url in (
        door(meeting),
        reverse("meetings:door_code", args=[registration.code]),
        reverse("meetings:sheet_entry", args=[meeting.slug]),
        reverse("meetings:close", args=[meeting.slug]),
    ):
        assert client.get(url).status_code == expected, url


def test_an_anonymous_visitor_is_sent_to_log_in_from_the_qr_code(client, meeting):
    registration = register(meeting)
    url = reverse("meetings:door_code", args=[registration.code])
    response = client.get(url)
    assert response.status_code == 302
    assert "next=" in response["Location"]
    response = client.post(url)
    assert response.status_code == 302
    assert not Attendance.objects.exists()


# By code


def test_a_code_typed_with_small_letters_and_a_dash_checks_the_registrant_in(
    client, meeting, staff
):
    registration = register(meeting)
    client.force_login(staff)
    typed = f"{registration.code[:4].lower()}-{registration.code[4:]}"
    response = client.post(door(meeting), {"code": typed})

    assert response.status_code == 302
    attendance = Attendance.objects.get()
    assert (attendance.registration, attendance.way, attendance.recorded_by) == (
        registration,
        Way.CODE,
        staff,
    )
    assert (attendance.settlement, attendance.group, attendance.name) == (
        registration.settlement,
        registration.group,
        "Иван Петров",
    )


def test_a_second_check_in_is_refused_saying_who_and_when(client, meeting, staff, english):
    registration = register(meeting)
    first = check_in(registration, way=Way.QR, user=staff)
    client.force_login(staff)
    response = client.post(door(meeting), {"code": registration.code})

    assert response.status_code == 200
    at = f"{timezone.localtime(first.recorded_at):%H:%M}"
    assert response.context["code_form"].errors["code"] == [
        f"Иван Петров was checked in already, at {at} by Staff."
    ]
    assert Attendance.objects.count() == 1


def test_an_unknown_code_is_refused_by_the_field_and_kept(client, meeting, staff, english):
    other = register(build_meeting(slug="drugo"))
    client.force_login(staff)
    response = client.post(door(meeting), {"code": other.code})

    assert "No registration for this meeting" in response.context["code_form"].errors["code"][0]
    assert other.code in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("status", [Registration.Status.WAITING, Registration.Status.CANCELLED])
def test_only_a_confirmed_registrant_is_checked_in(meeting, staff, status):
    registration = register(meeting, status=status)
    with pytest.raises(Refused) as refusal:
        check_in_by_code(meeting, code=registration.code, user=staff)
    assert refusal.value.field == "code"
    assert not Attendance.objects.exists()


# By the QR code of the confirmation


def test_the_qr_code_is_the_absolute_address_of_the_door(meeting, settings):
    settings.PORTAL_URL = "https://portal.example"
    registration = register(meeting)
    assert selectors.door_url(registration) == (
        f"https://portal.example/events/door/{registration.code}/"
    )


def test_opening_the_qr_code_shows_the_registrant_and_checks_in_only_on_the_tap(
    client, meeting, staff
):
    registration = register(meeting)
    url = reverse("meetings:door_code", args=[registration.code])
    client.force_login(staff)

    page = client.get(url)
    assert page.status_code == 200
    assert "Иван Петров" in page.content.decode()
    assert not Attendance.objects.exists()

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == door(meeting)
    assert Attendance.objects.get().way == Way.QR


def test_the_qr_code_of_someone_already_in_says_so_and_offers_no_button(
    client, meeting, staff, english
):
    registration = register(meeting)
    check_in(registration, way=Way.CODE, user=staff)
    client.force_login(staff)
    page = client.get(
        reverse("meetings:door_code", args=[registration.code]), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = page.content.decode()
    assert "was checked in already" in text
    assert 'type="submit" class="btn btn-primary btn-lg' not in text


def test_an_unknown_qr_code_is_not_found(client, staff, db):
    client.force_login(staff)
    assert client.get(reverse("meetings:door_code", args=["ZZZZ2222"])).status_code == 404


# By name


def test_a_registrant_found_by_name_is_checked_in(client, meeting, staff):
    registration = register(meeting, "Мария Иванова")
    register(meeting, "Георги Колев")
    register(meeting, "Мария Чакърова", status=Registration.Status.WAITING)
    client.force_login(staff)

    page = client.get(door(meeting), {"q": "мария"})
    assert [r.name for r in page.context["found"]] == ["Мария Иванова"]

    response = client.post(
        reverse("meetings:door_registrant", args=[meeting.slug, registration.pk])
    )
    assert response.status_code == 302
    assert Attendance.objects.get().way == Way.NAME


def test_the_door_lists_do_not_grow_in_queries(
    client, meeting, staff, django_assert_max_num_queries
):
    def visit():
        client.get(door(meeting), {"q": "Петров"})

    client.force_login(staff)
    for index in range(2):
        check_in(register(meeting, f"Петров {index}"), way=Way.CODE, user=staff)
    with django_assert_max_num_queries(30) as few:
        visit()
    for index in range(2, 25):
        registration = register(meeting, f"Петров {index}")
        if index % 2:
            check_in(registration, way=Way.CODE, user=staff)
    with django_assert_max_num_queries(len(few.captured_queries)):
        visit()


def test_the_sheet_page_does_not_grow_in_queries(
    client, meeting, staff, django_assert_max_num_queries
):
    def visit():
        client.get(reverse("meetings:sheet_entry", args=[meeting.slug]))

    client.force_login(staff)
    check_in(register(meeting, "Петров 0"), way=Way.CODE, user=staff)
    with django_assert_max_num_queries(30) as few:
        visit()
    for index in range(1, 25):
        registration = register(meeting, f"Петров {index}")
        if index % 2:
            check_in(registration, way=Way.CODE, user=staff)
    with django_assert_max_num_queries(len(few.captured_queries)):
        visit()


# Walk-ins


def test_a_walk_in_needs_settlement_and_group_but_no_name(client, meeting, staff):
    client.force_login(staff)
    response = client.post(
        reverse("meetings:door_walk_in", args=[meeting.slug]),
        {"settlement": place("krasen").pk, "group": group("media").pk},
    )
    assert response.status_code == 302
    walk_in = Attendance.objects.get()
    assert (walk_in.way, walk_in.name, walk_in.registration) == (Way.WALK_IN, "", None)
    assert (walk_in.settlement, walk_in.group) == (place("krasen"), group("media"))


@pytest.mark.parametrize("missing", ["settlement", "group"])
def test_a_walk_in_without_settlement_or_group_is_refused_by_the_field(
    client, meeting, staff, missing
):
    data = {"settlement": place().pk, "group": group().pk, "name": "Стоян Дачев"}
    del data[missing]
    client.force_login(staff)
    response = client.post(reverse("meetings:door_walk_in", args=[meeting.slug]), data)

    assert response.status_code == 200
    form = response.context["walk_in_form"]
    assert list(form.errors) == [missing]
    assert "Стоян Дачев" in response.content.decode()
    assert not Attendance.objects.exists()


# Corrections


def test_a_wrong_check_in_is_removed_and_the_history_keeps_it(client, meeting, staff):
    attendance = check_in(register(meeting), way=Way.CODE, user=staff)
    client.force_login(staff)
    url = reverse("meetings:door_remove", args=[meeting.slug, attendance.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"reason": ""})
    assert refused.context["form"].errors["reason"]
    assert Attendance.objects.exists()

    response = client.post(url, {"reason": "Отбелязан по грешка"})
    assert response.status_code == 302
    assert not Attendance.objects.exists()
    entry = Entry.objects.get(action="meetings.attendance_removed")
    assert entry.reason == "Отбелязан по грешка"
    assert entry.changes["name"] == ["Иван Петров", ""]
    assert entry.actor == staff


# The signed sheet typed in


def test_a_sheet_typed_in_checks_in_the_ticked_and_adds_the_lines(meeting, staff):
    at_door = register(meeting, "Иван Петров")
    ticked = register(meeting, "Петя Русева")
    register(meeting, "Не дойде")
    check_in(at_door, way=Way.CODE, user=staff)

    type_in_sheet(
        meeting,
        signed=[at_door, ticked],
        rows=[
            SheetRow(),
            SheetRow(name="Кольо Бонев", settlement=place("krasen"), group=group("ngos")),
            SheetRow(settlement=place(), group=group("media")),
        ],
        user=staff,
    )

    by_name = {a.name: a.way for a in Attendance.objects.all()}
    assert by_name == {
        "Иван Петров": Way.CODE,
        "Петя Русева": Way.SHEET,
        "Кольо Бонев": Way.SHEET,
        "": Way.SHEET,
    }
    assert Entry.objects.filter(action="meetings.sheet_typed_in").count() == 1


@pytest.mark.parametrize(
    "line, field",
    [
        (SheetRow(name="Без група"), "settlement_1"),
        (SheetRow(name="Без група", settlement="pirgovo"), "group_1"),
    ],
)
def test_one_wrong_line_saves_nothing_of_the_sheet(meeting, staff, line, field):
    ticked = register(meeting)
    if line.settlement:
        line = SheetRow(name=line.name, settlement=place(line.settlement))
    with pytest.raises(Refused) as refusal:
        type_in_sheet(
            meeting,
            signed=[ticked],
            rows=[SheetRow(settlement=place(), group=group()), line],
            user=staff,
        )
    assert refusal.value.field == field
    assert not Attendance.objects.exists()


def test_a_waiting_registrant_ticked_on_the_sheet_saves_nothing(meeting, staff):
    confirmed = register(meeting)
    waiting = register(meeting, "Чакащ Човек", status=Registration.Status.WAITING)
    with pytest.raises(Refused) as refusal:
        type_in_sheet(meeting, signed=[confirmed, waiting], rows=[], user=staff)
    assert refusal.value.field == "signed"
    assert not Attendance.objects.exists()


def test_the_sheet_page_shows_a_refusal_by_its_field_and_keeps_what_was_typed(
    client, meeting, staff
):
    ticked = register(meeting)
    client.force_login(staff)
    url = reverse("meetings:sheet_entry", args=[meeting.slug])
    response = client.post(
        url,
        {
            "signed": [ticked.pk],
            "name_0": "Първият остава написан",
            "settlement_0": place().pk,
            "group_0": group().pk,
            "name_1": "Вторият",
            "settlement_1": place().pk,
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["group_1"]
    assert "Първият остава написан" in response.content.decode()
    assert not Attendance.objects.exists()

    response = client.post(url, {"signed": [ticked.pk], "name_0": "", "settlement_0": ""})
    assert response.status_code == 302
    assert Attendance.objects.get().way == Way.SHEET


# The signed scan


def pdf_upload():
    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(out)
    return SimpleUploadedFile("подписан лист.pdf", out.getvalue(), "application/pdf")


def test_the_signed_scan_is_kept_privately_and_served_only_to_staff(
    client, meeting, staff, official, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    response = client.post(
        reverse("meetings:signed_sheet", args=[meeting.slug]), {"file": pdf_upload()}
    )
    assert response.status_code == 302
    sheet = SignedSheet.objects.get()
    assert sheet.file.name.startswith("private/meetings/")
    assert "лист" not in sheet.file.name
    assert Entry.objects.filter(action="meetings.signed_sheet_added").exists()

    url = reverse("meetings:signed_sheet_file", args=[meeting.slug, sheet.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert "private" in download["Cache-Control"]

    client.force_login(official)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_a_file_that_is_not_a_scan_is_refused_by_the_field(
    client, meeting, staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    fake = SimpleUploadedFile("лист.pdf", b"not a pdf at all", "application/pdf")
    response = client.post(reverse("meetings:signed_sheet", args=[meeting.slug]), {"file": fake})
    assert response.status_code == 200
    assert response.context["upload_form"].errors["file"]
    assert not SignedSheet.objects.exists()


# Closing


def test_a_meeting_is_closed_only_after_it_ended(meeting, staff, english):
    with pytest.raises(Refused, match="after it has ended"):
        close_meeting(meeting, user=staff)
    assert Meeting.objects.get().closed_at is None


def test_closing_makes_the_attendance_final(client, held, staff, english):
    present = check_in(register(held), way=Way.CODE, user=staff)
    late = register(held, "Закъснял Човек")
    client.force_login(staff)
    response = client.post(reverse("meetings:close", args=[held.slug]))
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.closed_at is not None
    assert Entry.objects.filter(action="meetings.closed").exists()

    refusals = [
        lambda: check_in(late, way=Way.NAME, user=staff),
        lambda: record_walk_in(held, settlement=place(), group=group(), user=staff),
        lambda: remove_attendance(present, user=staff),
        lambda: type_in_sheet(held, signed=[late], rows=[], user=staff),
        lambda: close_meeting(held, user=staff),
    ]
    for attempt in refusals:
        with pytest.raises(Refused, match="closed"):
            attempt()
    assert Attendance.objects.get() == present
    response = client.post(door(held), {"code": late.code})
    assert "closed" in response.context["code_form"].non_field_errors()[0]
    assert "Record the walk-in" not in client.get(door(held)).content.decode()


def test_attendance_is_not_recorded_for_a_cancelled_meeting(staff, db):
    cancelled = build_meeting(status=Meeting.Status.CANCELLED)
    with pytest.raises(Refused):
        record_walk_in(cancelled, settlement=place(), group=group(), user=staff)


# Counts


def attend(meeting, staff, **by_group):
    """Walk-ins at ``meeting`` by group slug, from Пиргово."""
    for slug, n in by_group.items():
        for _ in range(n):
            record_walk_in(meeting, settlement=place(), group=group(slug), user=staff)


def closed(slug, staff, days_ago, **by_group):
    meeting = build_meeting(slug=slug, days=-days_ago)
    attend(meeting, staff, **by_group)
    close_meeting(meeting, user=staff)
    return meeting


def counts_of(counts):
    return {line.key: line.count for line in [*counts.by_group, *counts.by_settlement]}


def test_staff_read_the_exact_counts_by_group_and_settlement(client, meeting, staff):
    attend(meeting, staff, citizens=3, ngos=1)
    record_walk_in(meeting, settlement=place("krasen"), group=group("media"), user=staff)
    client.force_login(staff)
    counts = client.get(reverse("meetings:attendance", args=[meeting.slug])).context["counts"]

    assert counts.total == 5
    assert {line.label: line.count for line in counts.by_group} == {
        "Граждани": 3,
        "Неправителствени организации": 1,
        "Бизнес": 0,
        "Медии": 1,
        "Служители на общинската администрация": 0,
        "Кметове и кметски наместници": 0,
    }
    assert {line.label: line.count for line in counts.by_settlement} == {"Пиргово": 4, "Красен": 1}


def test_the_public_reads_counts_only_once_the_meeting_is_closed(client, held, staff):
    attend(held, staff, citizens=6)
    url = reverse("meetings:attendance", args=[held.slug])
    assert client.get(url).context["counts"] is None
    close_meeting(held, user=staff)
    counts = client.get(url).context["counts"]
    assert counts.total == 6
    assert counts_of(counts)[("group", group().pk)] == 6


def test_the_public_never_reads_fewer_than_five_nor_works_them_out(client, staff, db):
    first = closed("parvo", staff, 3, citizens=9, ngos=3, businesses=6)
    second = closed("vtoro", staff, 2, citizens=7, ngos=6, media=2)
    public = selectors.public_attendance()
    views = [public.of(first), public.of(second), public.total]

    exact = [selectors.counts_for(first), selectors.counts_for(second)]
    exact.append(selectors.total_counts([first, second]))

    def works_out(shown, whole, parts):
        """What an equation whole = sum(parts) gives of its one hidden part, if exactly one."""
        hidden = [i for i, part in enumerate(parts) if shown[i] is None]
        return hidden[0] if whole is not None and len(hidden) == 1 else None

    for counts, real in zip(views, exact, strict=True):
        lines, truth = counts_of(counts), counts_of(real)
        for key, count in lines.items():
            assert count is None or count == truth[key]
            assert count is None or count == 0 or count >= MINIMUM
        # Within a view: its number of people minus the other cells.
        for dimension in ("group", "place"):
            keys = [key for key in truth if key[0] == dimension]
            shown = [lines.get(key, 0) for key in keys]
            found = works_out(shown, counts.total, keys)
            if found is not None:
                assert truth[keys[found]] >= MINIMUM
    # Across views: the total minus the other meeting.
    meetings = [counts_of(views[0]), counts_of(views[1])]
    real = [counts_of(exact[0]), counts_of(exact[1])]
    for key, total in counts_of(public.total).items():
        shown = [view.get(key, 0) for view in meetings]
        found = works_out(shown, total, shown)
        if found is not None:
            assert real[found].get(key, 0) == 0 or real[found][key] >= MINIMUM, key


def test_the_total_shows_what_each_small_meeting_withholds(staff, db):
    first = closed("parvo", staff, 3, citizens=3, ngos=6)
    second = closed("vtoro", staff, 2, citizens=4, ngos=7)
    public = selectors.public_attendance()
    citizens, ngos = ("group", group().pk), ("group", group("ngos").pk)

    for meeting in (first, second):
        lines = counts_of(public.of(meeting))
        assert (lines[citizens], lines[ngos]) == (None, None)
        assert lines[("place", place().pk)] == public.of(meeting).total
    total = counts_of(public.total)
    assert (total[citizens], total[ngos]) == (7, 13)


def test_the_public_counts_page_stays_within_its_queries(
    client, staff, db, django_assert_max_num_queries
):
    meetings = [closed(f"m{i}", staff, 10 - i, citizens=5, ngos=i) for i in range(4)]
    with django_assert_max_num_queries(12):
        response = client.get(reverse("meetings:attendance", args=[meetings[0].slug]))
    assert response.status_code == 200
    assert response.context["total"].total == 20 + 6


def test_a_draft_meeting_has_no_public_attendance(client, db):
    draft = build_meeting(status=Meeting.Status.DRAFT)
    assert client.get(reverse("meetings:attendance", args=[draft.slug])).status_code == 404


@pytest.mark.parametrize(
    "persona, exact", [("staff", True), ("official", False), ("monitor", False)]
)
def test_only_staff_read_exact_counts_on_the_public_page(
    client, held, staff, persona, exact, request
):
    attend(held, staff, citizens=6, media=2)
    close_meeting(held, user=staff)
    client.force_login(request.getfixturevalue(persona))
    counts = client.get(reverse("meetings:attendance", args=[held.slug])).context["counts"]
    assert counts_of(counts)[("group", group("media").pk)] == (2 if exact else None)
