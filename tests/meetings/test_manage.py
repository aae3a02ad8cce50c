"""Staff's screens under /events/manage/: who may open each, creating and editing a meeting in
Sofia time with refusals by the field and nothing saved half-way, the status buttons, the
programme, speakers and materials, the registrants and registering someone by phone."""

import hashlib
import io
from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

from ivanovo_portal import uploads
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.meetings.models import Channel, Meeting, ProgrammeItem, Registration
from ivanovo_portal.meetings.services import content
from ivanovo_portal.places.models import Settlement, StakeholderGroup
from tests.conftest import make_user

from .conftest import at, build_meeting, register

pytestmark = pytest.mark.django_db
PERSONAS = ["staff", "official", "monitor", "resident", "outsider", "anonymous"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def png_upload(name="portrait.png"):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue())


def pdf_bytes():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def meeting_data(**changes):
    pirgovo = Settlement.objects.get(slug="pirgovo")
    return {
        "title": "Обсъждане в Пиргово",
        "kind": Meeting.Kind.CONSULTATION,
        "summary": "Проектът на плана.",
        "starts_at": "2027-03-28T18:00",
        "ends_at": "2027-03-28T20:00",
        "settlement": pirgovo.pk,
        "venue": "Читалище „Светлина 1927“",
        "address": "с. Пиргово, ул. „Иван Вазов“ 2",
        "step_free": "on",
        "seating": "on",
        "accessibility_note": "",
        "online_url": "",
        "capacity": "30",
        "registration_opens_at": "",
        "registration_closes_at": "",
        **changes,
    }


def _screens(meeting, staff):
    slug = meeting.slug
    speaker = content.add_speaker(meeting, user=staff, name="Мария Иванова")
    item = content.add_programme_item(
        meeting, user=staff, time=timezone.localtime(meeting.starts_at).time(), title="Откриване"
    )
    material = content.add_material(meeting, user=staff, title="Програма", file=content_file())
    return {
        "list": ("get", reverse("meetings:manage_list"), {}),
        "create": ("get", reverse("meetings:manage_create"), {}),
        "edit": ("get", reverse("meetings:manage_edit", args=[slug]), {}),
        "schedule": ("post", reverse("meetings:manage_schedule", args=[slug]), {}),
        "postpone": ("post", reverse("meetings:manage_postpone", args=[slug]), {"note": ""}),
        "cancel": ("post", reverse("meetings:manage_cancel", args=[slug]), {"note": ""}),
        "programme": ("get", reverse("meetings:manage_programme", args=[slug]), {}),
        "programme_item": (
            "get",
            reverse("meetings:manage_programme_item", args=[slug, item.pk]),
            {},
        ),
        "programme_item_remove": (
            "post",
            reverse("meetings:manage_programme_item_remove", args=[slug, item.pk]),
            {},
        ),
        "speakers": ("get", reverse("meetings:manage_speakers", args=[slug]), {}),
        "speaker": ("get", reverse("meetings:manage_speaker", args=[slug, speaker.pk]), {}),
        "speaker_remove": (
            "post",
            reverse("meetings:manage_speaker_remove", args=[slug, speaker.pk]),
            {},
        ),
        "materials": ("get", reverse("meetings:manage_materials", args=[slug]), {}),
        "material_remove": (
            "post",
            reverse("meetings:manage_material_remove", args=[slug, material.pk]),
            {},
        ),
        "registrations": ("get", reverse("meetings:manage_registrations", args=[slug]), {}),
    }


def content_file():
    return uploads.checked(SimpleUploadedFile("programme.pdf", pdf_bytes()))


SCREENS = [
    "list",
    "create",
    "edit",
    "schedule",
    "postpone",
    "cancel",
    "programme",
    "programme_item",
    "programme_item_remove",
    "speakers",
    "speaker",
    "speaker_remove",
    "materials",
    "material_remove",
    "registrations",
]


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_open_the_meetings_back_office(client, request, staff, meeting, persona, screen):
    method, url, data = _screens(meeting, staff)[screen]
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(url, data)

    if persona == "staff":
        assert response.status_code in (200, 302)
        assert "/accounts/login/" not in response.get("Location", "")
    elif persona == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403


def test_the_back_office_bar_links_the_meetings_for_staff_only(client, staff, official):
    link = f'href="{reverse("meetings:manage_list")}"'
    client.force_login(official)
    assert link not in client.get(reverse("home")).content.decode()
    client.force_login(staff)
    assert link in client.get(reverse("home")).content.decode()


# Creating and editing


def test_staff_create_a_draft_with_times_typed_in_sofia_time(client, staff):
    client.force_login(staff)

    response = client.post(reverse("meetings:manage_create"), meeting_data())

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:manage_edit", args=[meeting.slug])
    assert meeting.status == Meeting.Status.DRAFT
    assert meeting.slug == "obsazhdane-v-pirgovo"
    # 28 March 2027 is the day summer time begins: 18:00 in Sofia is 15:00 UTC.
    assert meeting.starts_at == at(date(2027, 3, 28), 18)
    assert meeting.starts_at.astimezone(timezone.UTC).hour == 15
    assert meeting.created_by == staff
    assert Entry.objects.filter(action="meetings.created", object_id=meeting.pk).exists()
    html = client.get(response["Location"]).content.decode()
    assert 'value="2027-03-28T18:00"' in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_at": "2027-03-28T17:00"}, "ends_at", "The meeting must end after it starts."),
        (
            {
                "registration_opens_at": "2027-03-20T10:00",
                "registration_closes_at": "2027-03-10T10:00",
            },
            "registration_closes_at",
            "Registration must close after it opens.",
        ),
        (
            {"registration_closes_at": "2027-03-29T10:00"},
            "registration_closes_at",
            "Registration must close by the end of the meeting.",
        ),
        ({"title": ""}, "title", "This field is required."),
        ({"starts_at": "28.03.2027"}, "starts_at", "Enter a valid date/time."),
    ],
)
def test_a_meeting_out_of_order_is_refused_by_the_field_and_nothing_saved(
    client, staff, english, changes, field, message
):
    client.force_login(staff)
    data = meeting_data(**changes)

    response = client.post(reverse("meetings:manage_create"), data)

    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not Meeting.objects.exists()
    assert "Читалище „Светлина 1927“" in response.content.decode()


def test_editing_goes_through_the_meetings_service(client, staff, meeting):
    client.force_login(staff)
    data = meeting_data(
        title="Обсъждане в читалището",
        starts_at=f"{timezone.localtime(meeting.starts_at):%Y-%m-%dT%H:%M}",
        ends_at=f"{timezone.localtime(meeting.ends_at):%Y-%m-%dT%H:%M}",
        capacity="3",
        venue=meeting.venue,
        address=meeting.address,
    )

    response = client.post(reverse("meetings:manage_edit", args=[meeting.slug]), data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Обсъждане в читалището"
    assert meeting.slug == "obsazhdane-pirgovo"


def test_an_edit_with_the_end_before_the_start_changes_nothing(client, staff, meeting, english):
    client.force_login(staff)
    data = meeting_data(title="Друго", starts_at="2027-05-05T18:00", ends_at="2027-05-05T10:00")

    response = client.post(reverse("meetings:manage_edit", args=[meeting.slug]), data)

    assert "The meeting must end after it starts." in response.context["form"].errors["ends_at"]
    meeting.refresh_from_db()
    assert meeting.title == "Обществено обсъждане в Пиргово"


# Status buttons


def test_a_draft_is_scheduled_and_public(client, staff):
    draft = build_meeting(status=Meeting.Status.DRAFT)
    client.force_login(staff)

    client.post(reverse("meetings:manage_schedule", args=[draft.slug]))

    draft.refresh_from_db()
    assert draft.status == Meeting.Status.SCHEDULED
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_postponing_takes_a_new_time_and_a_reason(client, staff, meeting, english):
    client.force_login(staff)
    url = reverse("meetings:manage_postpone", args=[meeting.slug])
    day = timezone.localdate() + timedelta(days=30)

    refused = client.post(
        url,
        {
            "postpone-starts_at": f"{day}T18:00",
            "postpone-ends_at": f"{day}T17:00",
            "postpone-note": "Ремонт.",
        },
    )
    assert (
        "The meeting must end after it starts."
        in refused.context["postpone_form"].errors["ends_at"]
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED

    client.post(
        url,
        {
            "postpone-starts_at": f"{day}T18:00",
            "postpone-ends_at": f"{day}T20:00",
            "postpone-note": "Ремонт.",
        },
    )

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.POSTPONED
    assert meeting.status_note == "Ремонт."
    assert meeting.starts_at == at(day, 18)


def test_cancelling_needs_a_reason(client, staff, meeting, english):
    client.force_login(staff)
    url = reverse("meetings:manage_cancel", args=[meeting.slug])

    refused = client.post(url, {"cancel-note": ""})
    assert refused.context["cancel_form"].errors["note"]
    client.post(url, {"cancel-note": "Наводнение."})

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED and meeting.status_note == "Наводнение."


# Programme, speakers, materials


def test_the_programme_takes_items_during_the_meeting_only(client, staff, meeting, english):
    speaker = content.add_speaker(meeting, user=staff, name="Мария Иванова")
    client.force_login(staff)
    url = reverse("meetings:manage_programme", args=[meeting.slug])

    refused = client.post(url, {"time": "21:00", "title": "Късно", "position": "0"})
    assert "between 18:00 and 20:00" in refused.context["form"].errors["time"][0]
    assert not ProgrammeItem.objects.exists()

    client.post(
        url, {"time": "18:30", "title": "Представяне", "speakers": [speaker.pk], "position": "0"}
    )
    item = ProgrammeItem.objects.get()
    assert timezone.localtime(item.starts_at).time().isoformat() == "18:30:00"
    assert list(item.speakers.all()) == [speaker]
    assert Entry.objects.filter(action="meetings.programme_changed").count() == 1

    client.post(
        reverse("meetings:manage_programme_item", args=[meeting.slug, item.pk]),
        {"time": "19:00", "title": "Дискусия", "position": "1"},
    )
    item.refresh_from_db()
    assert item.title == "Дискусия" and not item.speakers.exists()

    client.post(reverse("meetings:manage_programme_item_remove", args=[meeting.slug, item.pk]))
    assert not ProgrammeItem.objects.exists()


def test_a_speakers_photo_needs_its_alternative_text(client, staff, meeting, english):
    client.force_login(staff)
    url = reverse("meetings:manage_speakers", args=[meeting.slug])
    data = {"name": "Мария Иванова", "order": "0", "photo": png_upload(), "photo_alt": ""}

    refused = client.post(url, data)
    assert "Say what the photo shows" in refused.context["form"].errors["photo_alt"][0]
    assert not meeting.speakers.exists()

    client.post(url, {**data, "photo": png_upload(), "photo_alt": "Мария Иванова на трибуна"})
    speaker = meeting.speakers.get()
    assert speaker.photo.name.startswith("private/meetings/speakers/")
    assert speaker.photo_alt == "Мария Иванова на трибуна"

    edit = reverse("meetings:manage_speaker", args=[meeting.slug, speaker.pk])
    refused = client.post(edit, {"name": "Мария Иванова", "order": "0", "photo_alt": ""})
    assert refused.context["form"].errors["photo_alt"]
    client.post(
        edit, {"name": "Мария Иванова", "order": "0", "photo_alt": "", "remove_photo": "on"}
    )
    speaker.refresh_from_db()
    assert not speaker.photo


def test_a_photo_that_is_no_image_is_refused(client, staff, meeting, english):
    client.force_login(staff)
    fake = SimpleUploadedFile("photo.png", b"not a picture at all")

    response = client.post(
        reverse("meetings:manage_speakers", args=[meeting.slug]),
        {"name": "Мария", "order": "0", "photo": fake, "photo_alt": "Портрет"},
    )

    assert "Only JPEG, PNG, WebP files are accepted" in response.context["form"].errors["photo"][0]


def test_materials_are_kept_with_their_size_type_and_sha256(client, staff, meeting, english):
    client.force_login(staff)
    url = reverse("meetings:manage_materials", args=[meeting.slug])
    data = pdf_bytes()

    refused = client.post(url, {"title": "Програма", "file": SimpleUploadedFile("a.pdf", b"x")})
    assert refused.context["form"].errors["file"]
    client.post(url, {"title": "Програма", "file": SimpleUploadedFile("програма.pdf", data)})

    material = meeting.materials.get()
    assert material.sha256 == hashlib.sha256(data).hexdigest()
    assert material.size == len(data) and material.content_type == "application/pdf"
    assert material.name == "програма.pdf" and not material.is_public
    assert material.added_by == staff
    client.post(
        url,
        {"title": "Покана", "file": SimpleUploadedFile("p.pdf", data), "is_public": "on"},
    )
    assert meeting.materials.filter(is_public=True).count() == 1


# Registrants


def test_staff_register_someone_by_phone(client, staff, meeting):
    client.force_login(staff)
    data = {
        "name": "Стоянка Петкова",
        "settlement": Settlement.objects.get(slug="pirgovo").pk,
        "group": StakeholderGroup.objects.get(slug="citizens").pk,
        "email": "",
        "phone": "0888 123 456",
        "channel": Channel.PHONE,
        "consent": "on",
    }

    response = client.post(reverse("meetings:manage_registrations", args=[meeting.slug]), data)

    assert response.status_code == 302
    registration = meeting.registrations.get()
    assert registration.channel == Channel.PHONE and registration.entered_by == staff
    assert registration.status == Registration.Status.CONFIRMED
    html = client.get(response["Location"]).content.decode()
    assert "Стоянка Петкова" in html and registration.code in html


def test_staff_registration_without_consent_or_contact_is_refused(client, staff, meeting):
    client.force_login(staff)
    data = {
        "name": "Стоянка Петкова",
        "settlement": Settlement.objects.get(slug="pirgovo").pk,
        "group": StakeholderGroup.objects.get(slug="citizens").pk,
        "channel": Channel.PAPER,
    }

    response = client.post(reverse("meetings:manage_registrations", args=[meeting.slug]), data)

    assert response.context["form"].errors["consent"]
    response = client.post(
        reverse("meetings:manage_registrations", args=[meeting.slug]), {**data, "consent": "on"}
    )
    assert response.context["form"].errors["email"]
    assert not meeting.registrations.exists()


def test_the_registrants_list_takes_a_fixed_number_of_queries(
    client, staff, meeting, django_assert_max_num_queries
):
    for number in range(8):
        register(
            meeting,
            f"Човек{number} Петров",
            status=Registration.Status.WAITING if number > 2 else Registration.Status.CONFIRMED,
            channel=Channel.PAPER,
            entered_by=staff,
        )
    client.force_login(staff)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("meetings:manage_registrations", args=[meeting.slug]))
    html = response.content.decode()
    assert html.count("<code>") == 8


def test_the_meetings_list_takes_a_fixed_number_of_queries(
    client, staff, django_assert_max_num_queries
):
    for number in range(10):
        meeting = build_meeting(slug=f"m-{number}", days=number)
        register(meeting, f"Човек{number} Петров")
    client.force_login(staff)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("meetings:manage_list"))
    assert response.content.decode().count(reverse("meetings:manage_edit", args=["m-3"])) == 1


def test_times_in_the_form_are_sofia_time_in_winter_too(client, staff):
    meeting = build_meeting(
        starts_at=timezone.make_aware(datetime(2027, 1, 15, 17, 30)),
        ends_at=timezone.make_aware(datetime(2027, 1, 15, 19, 0)),
    )
    client.force_login(staff)

    html = client.get(reverse("meetings:manage_edit", args=[meeting.slug])).content.decode()

    assert 'value="2027-01-15T17:30"' in html and 'value="2027-01-15T19:00"' in html


def test_the_admin_shows_meetings_read_only_and_schedules_through_the_service(client, meeting):
    admin = make_user("admin", is_staff=True, is_superuser=True)
    draft = build_meeting(slug="draft", status=Meeting.Status.DRAFT)
    register(meeting)
    client.force_login(admin)

    for url in (
        reverse("admin:meetings_meeting_changelist"),
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        reverse("admin:meetings_registration_changelist"),
        reverse("admin:meetings_attendance_changelist"),
        reverse("admin:meetings_signedsheet_changelist"),
    ):
        assert client.get(url).status_code == 200, url
    change = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert 'name="_save"' not in change.content.decode()

    client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "schedule", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.SCHEDULED
