"""The consultation itself: the period of ЗНА чл. 26, ал. 4, publishing, annexes and meetings."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations.models import Consultation, ConsultationMeeting, Version
from consultations.services import documents
from ivanovo_portal import uploads
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused
from tests.meetings.conftest import at, build_meeting

pytestmark = pytest.mark.django_db
OPENS = date(2026, 3, 2)
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n160\n%%EOF\n"
)


def _create(user, days, reason="", **fields):
    return documents.create_consultation(
        user=user,
        title="Проект на Програма за управление на отпадъците",
        kind=Consultation.Kind.PROGRAMME,
        summary="Програмата урежда разделното събиране.",
        opens_on=OPENS,
        closes_on=OPENS + timedelta(days=days),
        short_period_reason=reason,
        **fields,
    )


def test_thirty_days_need_no_reason_and_the_spravka_is_due_thirty_days_after(staff):
    consultation = _create(staff, 30)
    assert consultation.slug == "proekt-na-programa-za-upravlenie-na-otpadatsite"
    assert consultation.status == Consultation.Status.DRAFT
    assert consultation.statement_due_on == OPENS + timedelta(days=60)
    assert list(consultation.versions.values_list("number", "kind")) == [(1, "draft")]
    assert Entry.objects.filter(action="consultations.created").count() == 1


def test_twenty_nine_days_without_a_reason_are_refused_by_the_reason(staff, english):
    with pytest.raises(Refused) as refusal:
        _create(staff, 29)
    assert refusal.value.field == "short_period_reason"
    assert "29 days" in refusal.value.message
    assert not Consultation.objects.exists()


def test_thirteen_days_are_refused_even_with_a_reason(staff, english):
    with pytest.raises(Refused) as refusal:
        _create(staff, 13, reason="Спешна промяна в закона.")
    assert refusal.value.field == "closes_on"
    assert "no fewer than 14" in refusal.value.message


def test_fourteen_days_with_a_reason_are_accepted(staff):
    consultation = _create(staff, 14, reason="Срокът за кандидатстване по програмата изтича.")
    assert (consultation.closes_on - consultation.opens_on).days == 14


def test_a_later_change_keeps_the_rule(staff, english):
    consultation = _create(staff, 30)
    with pytest.raises(Refused) as refusal:
        documents.update_consultation(
            consultation, user=staff, closes_on=OPENS + timedelta(days=20)
        )
    assert refusal.value.field == "short_period_reason"
    consultation.refresh_from_db()
    assert consultation.closes_on == OPENS + timedelta(days=30)


def test_the_spravka_cannot_be_due_before_comments_close(staff):
    with pytest.raises(Refused) as refusal:
        _create(staff, 30, statement_due_on=OPENS + timedelta(days=10))
    assert refusal.value.field == "statement_due_on"


def test_the_form_shows_the_refusal_by_the_field_and_keeps_what_was_typed(client, staff, english):
    client.force_login(staff)
    response = client.post(
        "/en/consultations/manage/new/",
        {
            "title": "Наредба за гробищните паркове",
            "kind": "ordinance",
            "summary": "Ред в гробищата.",
            "opens_on": "2026-03-02",
            "closes_on": "2026-03-20",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "short_period_reason" in form.errors
    assert "Наредба за гробищните паркове" in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_consultation_without_text_is_not_published(staff, english):
    consultation = _create(staff, 30)
    with pytest.raises(Refused, match="sections"):
        documents.publish(consultation, user=staff)


def test_publishing_makes_it_public(staff, consultation):
    draft = Consultation.objects.create(
        **{
            field.name: getattr(consultation, field.name)
            for field in Consultation._meta.concrete_fields
            if field.name not in ("id", "slug", "status", "published_at")
        },
        slug="chernova",
    )
    version = Version.objects.create(consultation=draft, number=1, kind=Version.Kind.DRAFT)
    version.sections.create(key="chl-1", number="Чл. 1", heading="Предмет", text="Текст.")
    documents.publish(draft, user=staff)
    draft.refresh_from_db()
    assert draft.is_public() and draft.published_at
    with pytest.raises(Refused):
        documents.publish(draft, user=staff)


def test_an_annex_is_kept_with_its_checksum_and_served(client, staff, consultation):
    file = uploads.checked(SimpleUploadedFile("оценка.pdf", PDF_BYTES))
    annex = documents.add_annex(consultation, user=staff, title="Оценка", file=file)
    assert annex.sha256 == file.sha256 and annex.file.name.startswith("private/")
    response = client.get(f"/consultations/{consultation.slug}/annexes/{annex.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    documents.remove_annex(annex, user=staff)
    assert not consultation.annexes.exists()


def test_a_meeting_made_for_the_consultation_is_a_consultation_meeting(staff, consultation):
    day = date.today() + timedelta(days=20)
    link = documents.create_linked_meeting(
        consultation,
        user=staff,
        title="Обсъждане в Нисово",
        starts_at=at(day, 18),
        ends_at=at(day, 20),
        settlement=Settlement.objects.get(slug="nisovo"),
        venue="Читалище",
        address="с. Нисово",
        capacity=30,
    )
    assert link.meeting.kind == Meeting.Kind.CONSULTATION
    assert link.meeting.status == Meeting.Status.DRAFT
    assert list(consultation.meetings.all()) == [link.meeting]


def test_a_meeting_is_linked_once_and_only_a_consultation_meeting(staff, consultation):
    meeting = build_meeting()
    documents.link_meeting(consultation, meeting, user=staff)
    with pytest.raises(Refused) as refusal:
        documents.link_meeting(consultation, meeting, user=staff)
    assert refusal.value.field == "meeting"
    round_table = build_meeting(slug="kragla-masa", kind=Meeting.Kind.ROUND_TABLE)
    with pytest.raises(Refused):
        documents.link_meeting(consultation, round_table, user=staff)
    assert ConsultationMeeting.objects.count() == 1


def test_a_meeting_is_unlinked(staff, consultation):
    link = documents.link_meeting(consultation, build_meeting(), user=staff)
    documents.unlink_meeting(link, user=staff)
    assert not consultation.meetings.exists()
