"""Consultation reports: on one meeting or on the whole consultation, published once what they
refer to is; their recommendations written on their pages land in the register with the report
as source; the page, the PDF read back, and who may do what."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from consultations.minutes import published_reports
from consultations.models import ConsultationReport
from consultations.reports_pdf import REPORT_KIND, render_report_pdf
from consultations.services import minutes as minutes_services
from consultations.services import reports
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations import services as register
from ivanovo_portal.recommendations.models import Recommendation
from ivanovo_portal.refusals import Refused

from .conftest import build_consultation
from .test_minutes import pdf_text, proposal, published, written

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def meeting_minutes(consultation, staff):
    return published(written(consultation), staff)


def report_on(consultation, user, meeting=None, **fields):
    return reports.create_report(
        consultation,
        user=user,
        meeting=meeting,
        **{
            "title": "Доклад от общественото обсъждане",
            "summary": "Обобщение на обсъждането.",
            "conclusions": "Жителите подкрепят проекта с бележки.",
            **fields,
        },
    )


def recommend(report, user, title="Глобите да се съобразят с доходите"):
    return register.create_recommendation(
        user=user,
        source=report,
        title=title,
        text="Общината да преразгледа размера на глобите.",
        rationale="Предложено на срещата в Пиргово.",
    )


def manage_url(report, name="consultations:manage_report_edit"):
    return reverse(name, args=[report.consultation.slug, report.slug])


# Services


def test_a_report_covers_one_meeting_or_the_whole_consultation(
    consultation, meeting_minutes, staff
):
    on_meeting = report_on(consultation, staff, meeting_minutes, title="Доклад Пиргово")
    on_all = report_on(consultation, staff)

    assert on_meeting.meeting == meeting_minutes and on_all.meeting is None
    assert on_meeting.slug == "doklad-pirgovo"
    assert on_all.status == ConsultationReport.Status.DRAFT


def test_a_report_without_a_title_is_refused_by_its_field(consultation, staff):
    with pytest.raises(Refused) as refusal:
        report_on(consultation, staff, title=" ")

    assert refusal.value.field == "title"
    assert not ConsultationReport.objects.exists()


def test_a_meeting_of_another_consultation_is_refused_by_its_field(
    consultation, meeting_minutes, staff
):
    other = build_consultation(slug="drug-proekt")

    with pytest.raises(Refused) as refusal:
        report_on(other, staff, meeting_minutes)
    assert refusal.value.field == "meeting"


def test_a_meeting_report_waits_for_the_meeting_minutes(consultation, staff, english):
    report = report_on(consultation, staff, written(consultation))

    with pytest.raises(Refused, match="Publish the minutes of the meeting first"):
        reports.publish(report, user=staff)


def test_a_report_without_conclusions_is_not_published(consultation, staff, english):
    report = report_on(consultation, staff, conclusions="")

    with pytest.raises(Refused, match="Write the conclusions"):
        reports.publish(report, user=staff)


def test_publishing_renders_the_pdf_and_a_published_report_is_not_edited(
    consultation, meeting_minutes, staff, english, django_capture_on_commit_callbacks
):
    report = report_on(consultation, staff, meeting_minutes)

    with django_capture_on_commit_callbacks(execute=True):
        reports.publish(report, user=staff)

    assert GeneratedDocument.objects.get(kind=REPORT_KIND).is_ready
    with pytest.raises(Refused, match="A published report is not changed"):
        reports.update_report(report, user=staff, title="Друго")
    reports.unpublish(report, user=staff)
    reports.update_report(report, user=staff, title="Друго заглавие")
    assert ConsultationReport.objects.get().slug == "drugo-zaglavie"


# Recommendations


def test_recommendations_written_on_the_report_pages_land_in_the_register(
    client, consultation, meeting_minutes, staff
):
    report = report_on(consultation, staff, meeting_minutes)
    client.force_login(staff)
    url = manage_url(report, "consultations:report_recommendation_list")

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Глобите да се съобразят с доходите",
            "text": "Общината да преразгледа размера на глобите.",
            "rationale": "Предложено на срещата.",
        },
    )

    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert recommendation.source == report
    assert recommendation.activity == Activity.CONSULTATIONS


def test_the_report_shows_approved_recommendations_to_the_public_and_drafts_to_staff(
    client, consultation, meeting_minutes, staff
):
    report = report_on(consultation, staff, meeting_minutes)
    approved = recommend(report, staff, "Одобрена препоръка")
    register.approve(approved, user=staff)
    recommend(report, staff, "Чернова на препоръка")
    reports.publish(report, user=staff)

    public = client.get(report.get_absolute_url()).content.decode()
    client.force_login(staff)
    staff_page = client.get(report.get_absolute_url()).content.decode()

    assert "Одобрена препоръка" in public and "Чернова на препоръка" not in public
    assert "Чернова на препоръка" in staff_page


def test_approving_a_recommendation_of_a_published_report_is_refused(
    consultation, meeting_minutes, staff
):
    report = report_on(consultation, staff, meeting_minutes)
    recommendation = recommend(report, staff)
    reports.publish(report, user=staff)

    with pytest.raises(Refused):
        register.approve(recommendation, user=staff)


# Pages and permissions


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("outsider", 403), ("resident", 403), ("official", 403), ("staff", 200)],
)
def test_only_staff_write_reports(client, request, consultation, staff, persona, status):
    report = report_on(consultation, staff)
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    create = reverse("consultations:manage_report_create", args=[consultation.slug])

    assert client.get(create).status_code == status
    assert client.get(manage_url(report)).status_code == status
    client.post(manage_url(report, "consultations:manage_report_publish"))
    assert ConsultationReport.objects.get().is_public() == (persona == "staff")


def test_staff_start_a_report_with_refusals_by_the_field(client, consultation, staff):
    client.force_login(staff)
    create = reverse("consultations:manage_report_create", args=[consultation.slug])

    response = client.post(create, {"title": "", "summary": "Обобщение"})

    assert response.status_code == 200
    assert "Обобщение" in response.content.decode()
    assert response.context["form"].errors["title"]
    client.post(create, {"title": "Доклад", "conclusions": "Изводи"})
    assert ConsultationReport.objects.get().meeting is None


def test_a_draft_report_is_not_public(client, consultation, staff, official):
    report = report_on(consultation, staff)

    assert client.get(report.get_absolute_url()).status_code == 404
    client.force_login(official)
    assert client.get(report.get_absolute_url()).status_code == 200


def test_the_whole_consultation_report_lists_each_meeting_with_minutes(
    client, consultation, staff, django_assert_max_num_queries
):
    first = published(written(consultation), staff)
    proposal(first, "Първо предложение")
    report = report_on(consultation, staff)
    reports.publish(report, user=staff)
    with django_assert_max_num_queries(40) as few:
        client.get(report.get_absolute_url())
    for n in range(4):
        other = published(written(consultation, slug=f"sreshta-{n}"), staff)
        proposal(other, f"Предложение {n}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(report.get_absolute_url()).content.decode()
    assert "Първо предложение" in html and "Предложение 3" in html


def test_the_report_pdf_reads_back_its_texts_counts_and_recommendations(
    consultation, meeting_minutes, staff
):
    proposal(meeting_minutes, "Глобата да бъде по-ниска.")
    report = report_on(consultation, staff, meeting_minutes)
    register.approve(recommend(report, staff), user=staff)
    reports.publish(report, user=staff)

    pdf = render_report_pdf(report)
    text = pdf_text(pdf)
    reader = PdfReader(io.BytesIO(pdf))

    assert "Жителите подкрепят проекта с бележки." in text
    assert "Глобата да бъде по-ниска." in text
    assert "Граждани 6" in text
    assert "Глобите да се съобразят с доходите" in text
    assert "страница 1 от" in text
    assert reader.metadata.title == report.title
    assert reader.trailer["/Root"]["/Lang"] == "bg"
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_the_report_is_listed_in_the_publications_once_published(
    client, consultation, meeting_minutes, staff, django_capture_on_commit_callbacks
):
    report = report_on(consultation, staff, meeting_minutes)
    publications = reverse("campaign:publications")

    with django_capture_on_commit_callbacks(execute=True):
        reports.publish(report, user=staff)
    assert report.title in client.get(publications).content.decode()

    reports.unpublish(report, user=staff)
    assert report.title not in client.get(publications).content.decode()


def test_minutes_a_published_report_refers_to_stay_published(
    consultation, meeting_minutes, staff, english
):
    report = report_on(consultation, staff, meeting_minutes)
    reports.publish(report, user=staff)

    with pytest.raises(Refused, match="A published report refers to these minutes"):
        minutes_services.unpublish_minutes(meeting_minutes, user=staff)

    reports.unpublish(report, user=staff)
    minutes_services.unpublish_minutes(meeting_minutes, user=staff)
    assert meeting_minutes.minutes_published_at is None


def test_the_consultation_lists_its_published_reports_only(consultation, meeting_minutes, staff):
    published_one = report_on(consultation, staff, meeting_minutes, title="Публикуван доклад")
    reports.publish(published_one, user=staff)
    report_on(consultation, staff, title="Чернова на доклад")

    assert published_reports(consultation) == [published_one]
