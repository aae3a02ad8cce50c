"""The round table and the conference: their public pages (aims, programme by session, speakers,
registration, and after the event its summary, photos, recommendations and attendance), and the
staff's screens that write them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from campaign import events as event_reads
from campaign.models import Event, EventPhoto
from campaign.services import events as services
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.meetings.models import Attendance, Meeting, ProgrammeItem, Speaker
from ivanovo_portal.meetings.services import attendance
from ivanovo_portal.recommendations import services as recommendations
from ivanovo_portal.recommendations import sources
from ivanovo_portal.refusals import Refused
from tests.meetings.conftest import at, build_meeting, register

pytestmark = pytest.mark.django_db
PERSONAS = ["staff", "official", "resident", "anonymous"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """A media folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


def png_upload(name="photo.png"):
    out = io.BytesIO()
    Image.new("RGB", (16, 12), "teal").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue())


def conference_meeting(*, days=-1, slug="konferentsiya", **fields):
    meeting = build_meeting(
        slug=slug,
        title="Заключителна конференция",
        kind=Meeting.Kind.CONFERENCE,
        days=days,
        capacity=40,
        **fields,
    )
    day = timezone.localtime(meeting.starts_at).date()
    for position, (hour, minute, title, session) in enumerate(
        [
            (18, 0, "Откриване", ""),
            (18, 15, "Резултатите от проучванията", "Сесия 1: Резултати"),
            (18, 45, "Мониторингът", "Сесия 1: Резултати"),
            (19, 15, "Инструментариумът", "Сесия 2: Участие"),
        ]
    ):
        ProgrammeItem.objects.create(
            meeting=meeting,
            starts_at=at(day, hour, minute),
            title=title,
            session=session,
            position=position,
        )
    speaker = Speaker.objects.create(meeting=meeting, name="Мария Димова", organisation="ЦД")
    meeting.programme.get(title="Мониторингът").speakers.add(speaker)
    return meeting


@pytest.fixture
def held(staff):
    """The conference, held yesterday and closed, with its event page, a summary written and a
    photo; three people came, each from a group of their own."""
    meeting = conference_meeting(certificates=True)
    for name in ("Ана Петрова", "Борис Илиев", "Вера Колева"):
        attendance.check_in(register(meeting, name), way=Attendance.Way.CODE, user=staff)
    Meeting.objects.filter(pk=meeting.pk).update(closed_at=timezone.now())
    event = services.create_event(user=staff, meeting=meeting, aims="Да **покажем** резултатите.")
    services.update_event(
        event, user=staff, aims=event.aims, summary="Конференцията събра *много* хора."
    )
    file = services.uploads.checked(png_upload(), types=services.uploads.IMAGE_TYPES)
    services.add_photo(event, user=staff, file=file, alt="Залата с участниците", caption="Зала 1")
    return Event.objects.get(pk=event.pk)


def page(client, event):
    return client.get(reverse("campaign:event", args=[event.meeting.slug]))


# The public pages


def test_the_page_shows_aims_the_programme_by_session_and_the_speakers(client, held, english):
    html = page(client, held).content.decode()

    assert "Да <strong>покажем</strong> резултатите." in html
    assert html.count("<h1") == 1
    first, second = html.index("Сесия 1: Резултати"), html.index("Сесия 2: Участие")
    assert first < html.index("Мониторингът") < second < html.index("Инструментариумът")
    assert html.count("Сесия 1: Резултати") == 1
    assert "Мария Димова" in html


def test_the_summary_and_photos_are_public_only_once_published(client, held, staff, english):
    photo = held.photos.get()
    photo_url = reverse("campaign:event_photo", args=[held.meeting.slug, photo.pk])

    assert "много" not in page(client, held).content.decode()
    assert client.get(photo_url).status_code == 404

    services.publish_summary(held, user=staff)
    html = page(client, held).content.decode()
    assert "Конференцията събра <em>много</em> хора." in html
    assert 'alt="Залата с участниците"' in html
    assert client.get(photo_url).status_code == 200


def test_staff_preview_the_summary_before_it_is_published(client, held, staff, english):
    client.force_login(staff)

    html = page(client, held).content.decode()

    assert "Not published: only the project team sees the summary and the photos." in html
    assert "Конференцията събра" in html


def test_markdown_that_staff_write_is_sanitised(client, held, staff):
    services.update_event(
        held, user=staff, aims="<script>alert(1)</script> [връзка](javascript:alert(1))", summary=""
    )

    html = page(client, held).content.decode()

    assert "<script>alert(1)" not in html
    assert 'href="javascript' not in html


def test_the_page_lists_the_recommendations_presented(client, held, staff, english):
    recommendation = recommendations.create_recommendation(
        user=staff,
        source=held,
        title="Постоянен обществен съвет",
        text="Общината да създаде обществен съвет.",
        rationale="Предложено на конференцията.",
        date=timezone.localdate(),
    )
    draft = recommendations.create_recommendation(
        user=staff, source=held, title="Чернова", text="Текст.", rationale="Защо."
    )
    recommendations.approve(recommendation, user=staff)

    html = page(client, held).content.decode()

    assert "Постоянен обществен съвет" in html and draft.title not in html
    assert recommendation.__class__.objects.get(pk=recommendation.pk).activity == "campaign"
    assert recommendation.public_source_url == held.get_absolute_url()


def test_the_page_shows_the_attendance_by_group_once_closed(client, held, english):
    html = page(client, held).content.decode()

    assert "Who took part" in html
    # Three people: under disclosure control, no count of fewer than five is shown.
    assert "withheld" in html


def test_an_event_still_to_come_leads_to_the_kernels_registration_form(client, staff, english):
    meeting = conference_meeting(days=10, slug="predstoyashta")
    event = services.create_event(user=staff, meeting=meeting, aims="Цели.")

    html = page(client, event).content.decode()

    assert f'href="{reverse("meetings:register", args=[meeting.slug])}"' in html
    assert "40 places left" in html
    assert "How it went" not in html


def test_a_draft_meetings_event_is_staff_only(client, staff):
    meeting = conference_meeting(status=Meeting.Status.DRAFT)
    event = services.create_event(user=staff, meeting=meeting, aims="Цели.")

    assert page(client, event).status_code == 404
    assert (
        reverse("campaign:event", args=[meeting.slug])
        not in client.get(reverse("campaign:events")).content.decode()
    )
    client.force_login(staff)
    assert page(client, event).status_code == 200


def test_the_events_list_takes_a_fixed_number_of_queries(
    client, staff, django_assert_max_num_queries
):
    for number in range(6):
        meeting = conference_meeting(slug=f"sabitie-{number}", days=number - 3)
        services.create_event(user=staff, meeting=meeting, aims="Цели.")

    with django_assert_max_num_queries(12):
        response = client.get(reverse("campaign:events"))

    assert response.content.decode().count("sabitie-") == 6


# The staff's screens


def _staff_screens(event):
    slug = event.meeting.slug
    photo = event.photos.get()
    return {
        "list": ("get", reverse("campaign:manage_events")),
        "create": ("get", reverse("campaign:manage_event_create")),
        "edit": ("get", reverse("campaign:manage_event", args=[slug])),
        "photo": ("post", reverse("campaign:manage_event_photo", args=[slug])),
        "photo_remove": (
            "post",
            reverse("campaign:manage_event_photo_remove", args=[slug, photo.pk]),
        ),
        "publish": ("post", reverse("campaign:manage_event_publish", args=[slug])),
        "unpublish": ("post", reverse("campaign:manage_event_unpublish", args=[slug])),
        "certificates": ("post", reverse("campaign:manage_event_certificates", args=[slug])),
        "recommendations": ("get", reverse("campaign:event_recommendation_list", args=[slug])),
    }


SCREENS = [
    *("list", "create", "edit", "photo", "photo_remove"),
    *("publish", "unpublish", "certificates", "recommendations"),
]


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_open_the_events_back_office(client, request, held, persona, screen):
    method, url = _staff_screens(held)[screen]
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(url)

    if persona == "staff":
        assert response.status_code in (200, 302)
        return
    if persona == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403
    assert EventPhoto.objects.count() == 1
    assert Event.objects.get().summary_published_at is None


def test_staff_give_a_round_table_its_event_page(client, staff):
    meeting = build_meeting(slug="kragla-masa", kind=Meeting.Kind.ROUND_TABLE)
    consultation = build_meeting(slug="obsazhdane")
    client.force_login(staff)
    url = reverse("campaign:manage_event_create")

    assert list(client.get(url).context["form"].fields["meeting"].queryset) == [meeting]
    refused = client.post(url, {"meeting": consultation.pk, "aims": "Цели."})
    assert "meeting" in refused.context["form"].errors
    assert refused.context["form"]["aims"].value() == "Цели."

    response = client.post(url, {"meeting": meeting.pk, "aims": "Цели на кръглата маса."})

    assert response["Location"] == reverse("campaign:manage_event", args=[meeting.slug])
    assert Event.objects.get().aims == "Цели на кръглата маса."
    assert Entry.objects.filter(action="campaign.event_created").count() == 1


def test_a_photo_without_its_alternative_text_is_refused_and_nothing_saved(
    client, staff, held, english
):
    client.force_login(staff)
    url = reverse("campaign:manage_event_photo", args=[held.meeting.slug])

    refused = client.post(url, {"file": png_upload(), "alt": " ", "caption": "Без описание"})

    assert "alt" in refused.context["photo_form"].errors
    assert refused.context["photo_form"]["caption"].value() == "Без описание"
    assert EventPhoto.objects.count() == 1

    client.post(url, {"file": png_upload(), "alt": "Панелът на сцената", "position": "1"})
    assert EventPhoto.objects.count() == 2


def test_the_summary_is_published_only_after_the_event(staff):
    meeting = conference_meeting(days=10, slug="po-kasno")
    event = services.create_event(user=staff, meeting=meeting, aims="Цели.")
    services.update_event(event, user=staff, aims="Цели.", summary="Преди да се случи.")

    with pytest.raises(Refused):
        services.publish_summary(event, user=staff)
    assert Event.objects.get().summary_published_at is None


def test_a_published_summary_is_not_emptied_and_publishing_is_recorded(client, staff, held):
    client.force_login(staff)
    slug = held.meeting.slug
    client.post(reverse("campaign:manage_event_publish", args=[slug]))
    assert Event.objects.get().summary_published_at is not None

    refused = client.post(
        reverse("campaign:manage_event", args=[slug]), {"aims": "Цели.", "summary": " "}
    )

    assert "summary" in refused.context["form"].errors
    assert Event.objects.get().summary.startswith("Конференцията")
    client.post(reverse("campaign:manage_event_unpublish", args=[slug]))
    assert Event.objects.get().summary_published_at is None
    actions = set(Entry.objects.values_list("action", flat=True))
    assert {"campaign.event_summary_published", "campaign.event_summary_unpublished"} <= actions


def test_staff_send_the_certificates_not_sent_yet(
    client, staff, held, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    url = reverse("campaign:manage_event_certificates", args=[held.meeting.slug])
    counts = client.get(reverse("campaign:manage_event", args=[held.meeting.slug])).context
    assert counts["certificates"] == {"earned": 3, "sent": 0, "due": 3}

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)

    assert len(mailoutbox) == 3
    assert event_reads.certificate_counts(held) == {"earned": 3, "sent": 3, "due": 0}


def test_the_event_is_a_public_source_of_recommendations_only_with_its_meeting(held):
    assert sources.public_url(held) == held.get_absolute_url()
    Meeting.objects.filter(pk=held.meeting.pk).update(status=Meeting.Status.DRAFT)
    held.refresh_from_db()
    assert sources.public_url(held) == ""
