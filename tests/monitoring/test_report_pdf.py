"""The monitoring report's PDF: what it says, read back from the file; names only with consent;
listed in the publications once published; fast enough for a full round."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.registry import kinds
from ivanovo_portal.recommendations import services as register_services
from monitoring.pdf import REPORT_KIND, render_report_pdf
from monitoring.services import reports

from .report_data import (
    finding_text,
    full_round,
    monitored_round,
    publish_round,
    recommend,
    report_on,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def monitored(round_, monitor, monitor2, staff, centre, village):
    return monitored_round(round_, monitor, monitor2, staff, centre, village)


@pytest.fixture
def report(monitored, staff):
    return report_on(monitored, staff)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Rendered PDFs land in a temporary folder, not in the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf_text(pdf):
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_the_pdf_holds_findings_replies_scores_agreement_and_recommendations(
    monitored, report, staff
):
    recommendation = register_services.approve(recommend(report, staff), user=staff)
    publish_round(monitored)
    reports.publish(report, user=staff)

    text = pdf_text(render_report_pdf(report))

    assert report.title in text
    assert "Общината публикува част от информацията." in text
    assert "T1. Въпрос T1?" in text
    assert finding_text("T1", "centre") in text
    assert "Закъснял отговор." in text
    assert "0,64" in text  # Cohen's kappa, 7/11
    assert recommendation.title in text and recommendation.number in text
    assert "Прозрачността трябва да се подобри." in text
    assert "Европейски социален фонд" in text
    assert "Чернова" not in text


def test_the_pdf_names_only_those_who_consented(monitored, report):
    text = pdf_text(render_report_pdf(report))

    assert "Мария Петрова" in text
    assert "Скрития" not in text
    assert "Координаторова" not in text


def test_a_draft_pdf_says_it_is_a_draft_and_leaves_draft_recommendations_out(report, staff):
    draft = recommend(report, staff, title="Чернова на препоръка за сайта")

    text = pdf_text(render_report_pdf(report))

    assert "Чернова: не е публикуван" in text
    assert draft.title not in text


def test_the_pdf_is_tagged_with_its_language_and_title(report):
    reader = PdfReader(io.BytesIO(render_report_pdf(report)))

    assert reader.metadata.title == report.title
    assert reader.trailer["/Root"]["/Lang"] == "bg"
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_the_pdf_is_public_only_once_the_report_is_published(monitored, report, staff):
    kind = kinds.get(REPORT_KIND)
    assert not kind.public_for(report)

    publish_round(monitored)
    reports.publish(report, user=staff)

    assert kind.public_for(report)


def test_publications_list_the_report_once_published_and_not_before(
    client, monitored, report, staff, django_capture_on_commit_callbacks
):
    publications = reverse("campaign:publications")
    with django_capture_on_commit_callbacks(execute=True):
        reports.request_report_pdf(report, user=staff)
    assert report.title not in client.get(publications).content.decode()

    publish_round(monitored)
    with django_capture_on_commit_callbacks(execute=True):
        reports.publish(report, user=staff)

    document = GeneratedDocument.objects.get(kind=REPORT_KIND, object_id=report.pk)
    assert document.is_ready
    html = client.get(publications).content.decode()
    assert report.title in html and document.download_url in html
    assert "Чернова" not in pdf_text(document.file.read())

    reports.unpublish(report, user=staff)
    assert report.title not in client.get(publications).content.decode()


def test_staff_generate_the_pdf_from_the_edit_page(
    client, report, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("monitoring:report_pdf", args=[report.slug]))
    page = client.get(reverse("monitoring:report_edit", args=[report.slug])).content.decode()

    document = GeneratedDocument.objects.get(kind=REPORT_KIND)
    assert document.source == report
    assert document.is_ready
    assert document.download_url in page


def test_a_full_round_s_report_renders(monitor, staff):
    # How fast is measured in bench/monitoring.py: a timed test says more about the machine's
    # load than about the renderer.
    round_ = full_round(monitor, staff)
    report = reports.create_report(round_, user=staff, title="Пълен доклад")
    pdf = render_report_pdf(report)

    assert len(PdfReader(io.BytesIO(pdf)).pages) > 10
