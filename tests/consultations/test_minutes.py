"""The minutes of a consultation meeting: agenda, discussion and photos written by staff,
published once the meeting is closed, with the public attendance counts and the proposals raised
at it; the page, the photos and the PDF, and who may do what."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from PIL import Image
from pypdf import PdfReader

from consultations.forms.reports import PhotoForm
from consultations.models import Comment, ConsultationMeeting, MinutesPhoto
from consultations.reports_pdf import MINUTES_KIND, render_minutes_pdf
from consultations.services import minutes as services
from ivanovo_portal import uploads
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.meetings.models import Attendance
from ivanovo_portal.places.models import Settlement, StakeholderGroup
from ivanovo_portal.refusals import Refused
from tests.meetings.conftest import build_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def held(consultation, *, slug="obsazhdane-pirgovo", citizens=6, closed=True, **minutes):
    """A meeting of ``consultation`` held three days ago with ``citizens`` citizens from Pirgovo
    at it, closed unless told otherwise."""
    meeting = build_meeting(slug=slug, days=-3, capacity=50)
    place = Settlement.objects.get(slug="pirgovo")
    group = StakeholderGroup.objects.get(slug="citizens")
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, settlement=place, group=group, way=Attendance.Way.WALK_IN)
        for _ in range(citizens)
    )
    if closed:
        meeting.closed_at = timezone.now()
        meeting.save()
    return ConsultationMeeting.objects.create(consultation=consultation, meeting=meeting, **minutes)


def written(consultation, **fields):
    return held(
        consultation,
        agenda="1. Представяне на проекта.\n2. Въпроси и предложения.",
        discussion="Жителите обсъдиха реда на обществени места.",
        **fields,
    )


def proposal(consultation_meeting, text="Да се намали глобата.", **fields):
    consultation = consultation_meeting.consultation
    return Comment.objects.create(
        **{
            "consultation": consultation,
            "section": consultation.versions.get().sections.get(key="chl-3"),
            "text": text,
            "author_name": "Мария Колева",
            "channel": Comment.Channel.MEETING,
            "meeting": consultation_meeting,
            "status": Comment.Status.PUBLISHED,
            **fields,
        }
    )


def published(consultation_meeting, user):
    return services.publish_minutes(consultation_meeting, user=user)


def pdf_text(pdf):
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def a_photo(name="photo.png"):
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "green").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def minutes_url(consultation_meeting, name="consultations:minutes"):
    return reverse(
        name, args=[consultation_meeting.consultation.slug, consultation_meeting.meeting.slug]
    )


# Services


def test_staff_write_the_agenda_and_discussion_recorded_in_the_history(consultation, staff):
    consultation_meeting = held(consultation)

    services.update_minutes(
        consultation_meeting, user=staff, agenda=" Дневен ред ", discussion="Обсъждане."
    )

    consultation_meeting.refresh_from_db()
    assert consultation_meeting.agenda == "Дневен ред"
    log = Entry.objects.get(action="consultations.minutes_changed")
    assert log.changes["discussion"] == ["", "Обсъждане."]


def test_minutes_are_published_only_once_the_meeting_is_closed(consultation, staff, english):
    consultation_meeting = written(consultation, closed=False)

    with pytest.raises(Refused, match="Close the meeting first"):
        published(consultation_meeting, staff)
    assert ConsultationMeeting.objects.get().minutes_published_at is None


def test_minutes_without_a_discussion_are_not_published(consultation, staff, english):
    consultation_meeting = held(consultation, agenda="Дневен ред")

    with pytest.raises(Refused, match="Write the agenda and the discussion"):
        published(consultation_meeting, staff)


def test_minutes_of_a_draft_consultation_are_not_published(consultation, staff, english):
    consultation.status = consultation.Status.DRAFT
    consultation.save()
    consultation_meeting = written(consultation)

    with pytest.raises(Refused, match="Publish the consultation first"):
        published(consultation_meeting, staff)


def test_publishing_dates_the_minutes_and_renders_their_pdf(
    consultation, staff, django_capture_on_commit_callbacks
):
    consultation_meeting = written(consultation)

    with django_capture_on_commit_callbacks(execute=True):
        published(consultation_meeting, staff)

    assert ConsultationMeeting.objects.get().minutes_published_at is not None
    document = GeneratedDocument.objects.get(kind=MINUTES_KIND)
    assert document.is_ready and document.source == consultation_meeting
    assert Entry.objects.filter(action="consultations.minutes_published").exists()


def test_published_minutes_are_not_changed_until_taken_back(consultation, staff, english):
    consultation_meeting = published(written(consultation), staff)

    with pytest.raises(Refused, match="Published minutes are not changed"):
        services.update_minutes(consultation_meeting, user=staff, agenda="", discussion="")

    services.unpublish_minutes(consultation_meeting, user=staff)
    services.update_minutes(consultation_meeting, user=staff, agenda="Нов", discussion="Нова")
    assert ConsultationMeeting.objects.get().agenda == "Нов"


def test_a_photo_without_words_for_it_is_refused_by_its_field(consultation, staff, english):
    form = PhotoForm({"alt": ""}, {"file": a_photo()}, user=staff)

    assert not form.is_valid()
    assert list(form.errors) == ["alt"]
    with pytest.raises(Refused) as refusal:
        services.add_photo(
            held(consultation), user=staff, file=uploads.checked(a_photo()), alt="  "
        )
    assert refusal.value.field == "alt"
    assert not MinutesPhoto.objects.exists()


def test_a_photo_sent_without_words_keeps_the_page_with_the_error_by_the_field(
    client, consultation, staff
):
    consultation_meeting = held(consultation)
    client.force_login(staff)

    response = client.post(
        minutes_url(consultation_meeting, "consultations:manage_minutes_photo"),
        {"alt": "", "file": a_photo()},
    )

    assert response.status_code == 200
    assert response.context["photo_form"].errors["alt"]
    assert not MinutesPhoto.objects.exists()
    client.post(
        minutes_url(consultation_meeting, "consultations:manage_minutes_photo"),
        {"alt": "Жители в залата", "file": a_photo()},
    )
    assert MinutesPhoto.objects.get().alt == "Жители в залата"


def test_a_photo_is_kept_redrawn_with_its_alternative_text(consultation, staff):
    consultation_meeting = held(consultation)

    photo = services.add_photo(
        consultation_meeting, user=staff, file=uploads.checked(a_photo()), alt="Жители в залата"
    )

    assert photo.alt == "Жители в залата"
    assert photo.file.name.startswith("private/consultations/")
    assert len(photo.sha256) == 64


# Pages


def test_the_public_reads_published_minutes_with_counts_proposals_and_photos(
    client, consultation, staff
):
    consultation_meeting = written(consultation)
    proposal(consultation_meeting, "Глобата да бъде по-ниска.")
    proposal(consultation_meeting, "Непубликувано предложение.", status=Comment.Status.PENDING)
    proposal(
        consultation_meeting,
        "Предложение по имейл.",
        channel=Comment.Channel.EMAIL,
        meeting=None,
    )
    photo = services.add_photo(
        consultation_meeting, user=staff, file=uploads.checked(a_photo()), alt="Жители в залата"
    )
    assert client.get(minutes_url(consultation_meeting)).status_code == 404
    assert client.get(photo_url(photo)).status_code == 404

    published(consultation_meeting, staff)
    html = client.get(minutes_url(consultation_meeting)).content.decode()

    assert "Представяне на проекта" in html and "реда на обществени места" in html
    assert "Глобата да бъде по-ниска." in html
    assert "Непубликувано" not in html and "по имейл" not in html
    assert 'alt="Жители в залата"' in html
    assert client.get(photo_url(photo)).status_code == 200
    assert ">6<" in html.replace(" ", "")


def photo_url(photo):
    consultation_meeting = photo.consultation_meeting
    return reverse(
        "consultations:minutes_photo",
        args=[consultation_meeting.consultation.slug, consultation_meeting.meeting.slug, photo.pk],
    )


def test_small_groups_are_withheld_on_the_public_page(client, consultation, staff):
    consultation_meeting = written(consultation, citizens=6)
    ngo = StakeholderGroup.objects.get(slug="ngos")
    Attendance.objects.create(
        meeting=consultation_meeting.meeting,
        settlement=Settlement.objects.get(slug="pirgovo"),
        group=ngo,
        way=Attendance.Way.WALK_IN,
    )
    published(consultation_meeting, staff)

    html = client.get(minutes_url(consultation_meeting)).content.decode()

    assert "fewer than five, not shown" in html or "по-малко от пет" in html


def test_decisions_show_only_once_the_statement_is_published(client, consultation, staff):
    consultation_meeting = published(written(consultation), staff)
    proposal(
        consultation_meeting,
        decision=Comment.Decision.NOT_ACCEPTED,
        decision_reason="Размерът е определен от закона.",
    )
    assert (
        "определен от закона" not in client.get(minutes_url(consultation_meeting)).content.decode()
    )

    consultation.statement_published_at = timezone.now()
    consultation.save()
    html = client.get(minutes_url(consultation_meeting)).content.decode()

    assert "определен от закона" in html
    assert reverse("consultations:statement", args=[consultation.slug]) in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("outsider", 403), ("resident", 403), ("official", 403), ("staff", 200)],
)
def test_only_staff_edit_the_minutes(client, request, consultation, persona, status):
    consultation_meeting = held(consultation)
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    assert (
        client.get(minutes_url(consultation_meeting, "consultations:manage_minutes")).status_code
        == status
    )
    response = client.post(
        minutes_url(consultation_meeting, "consultations:manage_minutes"),
        {"agenda": "Дневен ред", "discussion": "Обсъждане"},
    )
    assert response.status_code == (302 if persona == "staff" else status)
    assert (ConsultationMeeting.objects.get().agenda == "Дневен ред") == (persona == "staff")


def test_an_official_previews_draft_minutes_the_public_does_not(client, consultation, official):
    consultation_meeting = written(consultation)

    assert client.get(minutes_url(consultation_meeting)).status_code == 404
    client.force_login(official)
    assert client.get(minutes_url(consultation_meeting)).status_code == 200


def test_staff_publish_from_the_minutes_page(client, consultation, staff):
    consultation_meeting = written(consultation)
    client.force_login(staff)

    client.post(minutes_url(consultation_meeting, "consultations:manage_minutes_publish"))

    assert ConsultationMeeting.objects.get().minutes_published_at is not None


def test_the_minutes_page_is_read_in_the_same_queries_with_many_proposals(
    client, consultation, staff, django_assert_max_num_queries
):
    consultation_meeting = published(written(consultation), staff)
    proposal(consultation_meeting)
    with django_assert_max_num_queries(30) as few:
        client.get(minutes_url(consultation_meeting))
    for n in range(20):
        proposal(consultation_meeting, f"Предложение {n}", author_name=f"Автор {n}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(minutes_url(consultation_meeting))
    assert "Предложение 19" in response.content.decode()


# The PDF


def test_the_minutes_pdf_reads_back_agenda_counts_and_proposals(consultation, staff):
    consultation_meeting = published(written(consultation), staff)
    proposal(consultation_meeting, "Глобата да бъде по-ниска.")

    pdf = render_minutes_pdf(consultation_meeting)
    text = pdf_text(pdf)
    reader = PdfReader(io.BytesIO(pdf))

    assert "Представяне на проекта" in text
    assert "Глобата да бъде по-ниска." in text
    assert "Граждани 6" in text
    assert "страница 1 от" in text
    with translation.override("bg"):
        title = f"{gettext('Minutes')}: {consultation_meeting.meeting.title}"
    assert reader.metadata.title == title
    assert reader.trailer["/Root"]["/Lang"] == "bg"
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_meeting_minutes_are_listed_in_the_publications_once_published(
    client, consultation, staff, django_capture_on_commit_callbacks
):
    consultation_meeting = written(consultation)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_minutes_pdf(consultation_meeting, user=staff)
    publications = reverse("campaign:publications")
    document = GeneratedDocument.objects.get(kind=MINUTES_KIND)
    assert document.download_url not in client.get(publications).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        published(consultation_meeting, staff)

    assert document.download_url in client.get(publications).content.decode()


def test_the_minutes_of_a_meeting_days_ago_show_its_day(consultation, staff):
    consultation_meeting = published(written(consultation), staff)
    day = timezone.localdate() - timedelta(days=3)

    assert day.strftime("%Y") in pdf_text(render_minutes_pdf(consultation_meeting))


def test_a_photo_is_removed_from_draft_minutes_only(consultation, staff, english):
    consultation_meeting = written(consultation)
    first, second = (
        services.add_photo(
            consultation_meeting, user=staff, file=uploads.checked(a_photo()), alt=alt
        )
        for alt in ("Залата", "Жителите")
    )

    services.remove_photo(first, user=staff)
    assert list(MinutesPhoto.objects.values_list("alt", flat=True)) == ["Жителите"]
    assert not first.file.storage.exists(first.file.name)

    published(consultation_meeting, staff)
    with pytest.raises(Refused, match="Published minutes are not changed"):
        services.remove_photo(second, user=staff)
