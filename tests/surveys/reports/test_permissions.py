"""Who may compose reports: project staff on every back-office page, in a bounded number of
queries; others refused, visitors sent to log in."""

import pytest
from django.urls import reverse

from ivanovo_portal.documents.models import GeneratedDocument
from surveys.models import (
    AnalysisReport,
    ReportItem,
)
from surveys.services import reports

from .conftest import recommend

pytestmark = pytest.mark.django_db


def back_office_urls(report, item, recommendation):
    slug = report.slug
    return [
        ("get", reverse("surveys:report_list")),
        ("get", reverse("surveys:report_create")),
        ("get", reverse("surveys:report_edit", args=[slug])),
        ("get", reverse("surveys:report_items", args=[slug])),
        ("post", reverse("surveys:report_item_edit", args=[slug, item.pk])),
        ("post", reverse("surveys:report_item_move", args=[slug, item.pk])),
        ("post", reverse("surveys:report_item_remove", args=[slug, item.pk])),
        ("get", reverse("surveys:report_recommendation_list", args=[slug])),
        ("get", reverse("surveys:report_recommendation_edit", args=[slug, recommendation.pk])),
        ("post", reverse("surveys:report_publish", args=[slug])),
        ("post", reverse("surveys:report_unpublish", args=[slug])),
        ("post", reverse("surveys:report_pdf", args=[slug])),
    ]


@pytest.mark.parametrize("persona", ["monitor", "official", "resident", "outsider"])
def test_only_staff_may_compose_reports(client, request, persona, report, writer):
    reports.publish(report, user=writer)
    queued_on_publishing = GeneratedDocument.objects.get().task_id
    recommendation = recommend(report, writer)
    client.force_login(request.getfixturevalue(persona))

    for method, url in back_office_urls(report, report.items.first(), recommendation):
        assert getattr(client, method)(url).status_code == 403, url
    assert ReportItem.objects.filter(report=report).count() == 2
    assert GeneratedDocument.objects.get().task_id == queued_on_publishing


def test_visitors_are_sent_to_log_in(client, report, writer):
    recommendation = recommend(report, writer)

    for method, url in back_office_urls(report, report.items.first(), recommendation):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login"))


def test_staff_open_every_back_office_page(client, writer, report):
    recommendation = recommend(report, writer)
    client.force_login(writer)

    for method, url in back_office_urls(report, report.items.first(), recommendation):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_the_report_page_takes_a_bounded_number_of_queries(
    client, writer, report, respond, django_assert_max_num_queries
):
    reports.publish(report, user=writer)
    recommend(report, writer)
    for _ in range(30):
        respond(Q1="mechka", Q8="3", channel="paper")

    with django_assert_max_num_queries(30):
        response = client.get(reverse("surveys:report", args=[report.slug]))

    assert response.status_code == 200
    page = response.content.decode()
    assert report.title in page
    assert "Оценките са добри." in page


def test_the_staff_list_shows_every_report_with_its_status(client, writer, report):
    client.force_login(writer)

    html = client.get(reverse("surveys:report_list")).content.decode()

    assert report.title in html
    assert str(AnalysisReport.Status.DRAFT.label) in html
