"""The publications page lists what the activities published."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys import reports


def test_publications_say_when_no_analysis_report_is_published(client, db):
    response = client.get(reverse("campaign:publications"))

    assert response.status_code == 200
    assert response.context["analysis_reports"] == []


def test_publications_list_published_analysis_reports_only(client, staff):
    published = reports.create_report(
        user=staff, questionnaires=[], title="Анализ на мненията на бизнеса", slug="biznes"
    )
    reports.publish(published, user=staff)
    reports.create_report(user=staff, questionnaires=[], title="Чернова", slug="chernova")

    html = client.get(reverse("campaign:publications")).content.decode()

    assert "Анализ на мненията на бизнеса" in html
    assert published.get_absolute_url() in html
    assert "Чернова" not in html


def test_publications_take_the_same_queries_for_one_report_or_many(client, staff):
    def publish(number):
        report = reports.create_report(
            user=staff, questionnaires=[], title=f"Анализ {number}", slug=f"analiz-{number}"
        )
        reports.publish(report, user=staff)

    publish(0)
    one = queries_of(client, reverse("campaign:publications"))
    for number in range(1, 6):
        publish(number)

    assert queries_of(client, reverse("campaign:publications")) == one


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_report_whose_pdf_is_rendered_again_keeps_its_download(
    client, staff, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    report = reports.create_report(
        user=staff, questionnaires=[], title="Анализ на мненията", slug="analiz"
    )
    with django_capture_on_commit_callbacks(execute=True):
        reports.publish(report, user=staff)
    document = reports.request_report_pdf(report, user=staff)  # queued: no worker has it yet

    html = client.get(reverse("campaign:publications")).content.decode()

    assert document.status == "queued"
    assert document.download_url in html
    assert client.get(document.download_url).status_code == 200
