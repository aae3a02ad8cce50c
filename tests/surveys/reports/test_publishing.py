"""Publishing a report: hidden until published, its figures kept as at publication, its PDF."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.registry import kinds
from ivanovo_portal.recommendations import services as register_services
from ivanovo_portal.refusals import Refused
from surveys.models import (
    AnalysisReport,
    Questionnaire,
)
from surveys.pdf import REPORT_KIND, render_report_pdf
from surveys.results.reports import report_content
from surveys.services import questionnaires, reports

from .conftest import recommend

pytestmark = pytest.mark.django_db


def test_a_draft_report_is_hidden_from_the_public(client, report, resident):
    url = reverse("surveys:report", args=[report.slug])

    assert client.get(url).status_code == 404
    client.force_login(resident)
    assert client.get(url).status_code == 404


def test_a_published_report_appears_on_the_surveys_page_and_its_pdf_in_publications(
    client, writer, report, django_capture_on_commit_callbacks
):
    client.force_login(writer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:report_publish", args=[report.slug]))
    client.logout()

    report.refresh_from_db()
    assert report.status == AnalysisReport.Status.PUBLISHED
    assert report.published_at is not None
    url = reverse("surveys:report", args=[report.slug])
    assert client.get(url).status_code == 200
    html = client.get(reverse("surveys:index")).content.decode()
    assert report.title in html and f'href="{url}"' in html
    document = GeneratedDocument.objects.get(kind=REPORT_KIND, object_id=report.pk)
    html = client.get(reverse("campaign:publications")).content.decode()
    assert report.title in html and f'href="{document.download_url}"' in html


def test_a_closed_questionnaire_links_its_published_reports(client, writer, report, questionnaire):
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.CLOSED)
    page = client.get(questionnaire.get_absolute_url()).content.decode()
    assert report.get_absolute_url() not in page

    reports.publish(report, user=writer)

    page = client.get(questionnaire.get_absolute_url()).content.decode()
    assert report.get_absolute_url() in page


def test_publications_offer_the_pdf_once_it_is_ready(
    client, writer, report, django_capture_on_commit_callbacks
):
    reports.publish(report, user=writer)
    with django_capture_on_commit_callbacks(execute=True):
        document = reports.request_report_pdf(report, user=writer)
    document.refresh_from_db()
    assert document.is_ready

    html = client.get(reverse("campaign:publications")).content.decode()

    assert document.download_url in html


def test_unpublishing_hides_the_report_again(client, writer, report):
    reports.publish(report, user=writer)

    reports.unpublish(report, user=writer)

    assert client.get(reverse("surveys:report", args=[report.slug])).status_code == 404
    assert report.title not in client.get(reverse("campaign:publications")).content.decode()


def test_the_report_page_tables_that_scroll_on_a_phone_take_the_keyboard_focus(
    client, writer, report
):
    reports.publish(report, user=writer)
    page = client.get(reverse("surveys:report", args=[report.slug])).content.decode()
    assert 'class="table-responsive"' in page
    assert 'class="table-responsive">' not in page


def figures_in(content):
    return [
        (item.result.answered, [row.count for row in item.result.rows], item.result.mean)
        for item in content.items
    ]


def test_a_published_report_keeps_its_figures_when_answers_come_later(
    client, writer, report, respond
):
    reports.publish(report, user=writer)
    published = figures_in(report_content(report))
    for _ in range(6):
        respond(Q1="mechka", Q2="yes", Q8="1", channel="paper")

    content = report_content(report)

    assert content.methodology.total == 5
    assert figures_in(content) == published
    page = client.get(reverse("surveys:report", args=[report.slug])).content.decode()
    assert "Анализът се основава на 5 попълнени анкети" in page


def test_a_question_added_after_publishing_shows_the_figures_of_publication(
    writer, report, respond, question
):
    reports.publish(report, user=writer)
    for _ in range(6):
        respond(Q1="mechka", Q2="yes", Q8="1")

    reports.add_item(report, question=question("Q1"), user=writer)

    places = report_content(report).items[-1].result
    assert places.row("mechka").count == 0


def test_a_draft_report_shows_the_public_figures_until_staff_update_them(
    writer, report, respond, questionnaire
):
    reports.publish(report, user=writer)
    for _ in range(5):
        respond(Q1="mechka", Q2="yes", Q8="1")

    reports.unpublish(report, user=writer)
    assert report.figures is None
    assert report_content(report).methodology.total == 5

    questionnaires.refresh_public_figures(questionnaire)
    assert report_content(report).methodology.total == 10


def test_the_questionnaires_of_a_published_report_cannot_change(
    client, writer, report, questionnaire
):
    reports.publish(report, user=writer)

    with pytest.raises(Refused) as refused:
        reports.update_report(report, user=writer, questionnaires=[questionnaire])

    assert refused.value.field == "questionnaires"
    assert set(report.questionnaires.values_list("slug", flat=True)) == {"grazhdanite", "biznesat"}


def test_what_respondents_wrote_stays_out_of_reports(client, writer, report, respond, question):
    respond(Q6="other:Съседът Иван", Q10="Обадете ми се на 0888 123 456")
    reports.add_item(report, question=question("Q6"), user=writer)
    reports.add_item(report, question=question("Q10"), user=writer)
    reports.publish(report, user=writer)

    html = client.get(reverse("surveys:report", args=[report.slug])).content.decode()
    pdf = PdfReader(io.BytesIO(render_report_pdf(report)))
    printed = "".join(page.extract_text() for page in pdf.pages)

    for text in (html, printed):
        assert "Съседът Иван" not in text
        assert "0888" not in text


def test_the_report_pdf_is_public_only_when_the_report_is_published(report, writer):
    kind = kinds.get(REPORT_KIND)
    assert not kind.public_for(report)

    reports.publish(report, user=writer)

    assert kind.public_for(report)


def test_draft_recommendations_stay_with_the_team_until_approved(client, writer, report):
    draft = recommend(report, writer, title="Чернова на препоръка")
    reports.publish(report, user=writer)
    url = reverse("surveys:report", args=[report.slug])

    assert draft.title not in client.get(url).content.decode()
    assert draft.title not in pdf_text(render_report_pdf(report))
    client.force_login(writer)
    assert draft.title in client.get(url).content.decode()

    reports.unpublish(report, user=writer)
    register_services.approve(draft, user=writer)
    reports.publish(report, user=writer)
    client.logout()
    assert draft.title in client.get(url).content.decode()


# The PDF


def pdf_text(pdf):
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_the_pdf_holds_the_title_methodology_questions_and_recommendations(
    report, writer, question
):
    recommendation = register_services.approve(recommend(report, writer), user=writer)

    text = pdf_text(render_report_pdf(report))
    assert report.title in text
    assert "05.10.2022" in text and "12.12.2022" in text
    assert "Иваново" in text and "Щръклево" in text
    assert question("Q8").text in text
    assert "Оценките са добри." in text
    assert recommendation.title in text
    assert recommendation.number in text
    assert "Хората научават новините от кмета." in text
    assert "Европейски социален фонд" in text


def test_a_draft_pdf_says_it_is_a_draft(report):
    assert "Чернова: не е публикуван" in pdf_text(render_report_pdf(report))


def test_publishing_renders_the_pdf_afresh_without_the_draft_mark(
    client, writer, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reports.request_report_pdf(report, user=writer)
    draft_pdf = GeneratedDocument.objects.get(kind=REPORT_KIND)
    assert "Чернова" in pdf_text(draft_pdf.file.read())

    with django_capture_on_commit_callbacks(execute=True):
        reports.publish(report, user=writer)

    document = GeneratedDocument.objects.get(pk=draft_pdf.pk)
    assert document.is_ready
    assert document.sha256 != draft_pdf.sha256
    with document.file.open("rb") as published_pdf:
        assert "Чернова" not in pdf_text(published_pdf.read())


def test_staff_generate_the_pdf_from_the_report_page(
    client, writer, report, django_capture_on_commit_callbacks
):
    client.force_login(writer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:report_pdf", args=[report.slug]))
    page = client.get(reverse("surveys:report", args=[report.slug]))

    document = GeneratedDocument.objects.get(kind=REPORT_KIND)
    assert document.source == report
    assert document.title == report.title
    assert document.is_ready
    assert document.download_url in page.content.decode()
