"""The monitoring report: its methodology computed from a round worked out by hand
(``report_data.py``), composing and publishing it, who may do what, names only with consent,
and its recommendations entered in the register with the report as their source."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ivanovo_portal.audit.models import Entry
from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations import services as register_services
from ivanovo_portal.recommendations.models import Recommendation
from ivanovo_portal.refusals import Refused
from monitoring.methodology import methodology_for
from monitoring.models import MonitoringReport, Observation
from monitoring.report_content import report_content
from monitoring.services import reports

from .report_data import (
    SOFIA,
    TODAY,
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


# The methodology


def test_the_methodology_counts_the_round_worked_out_by_hand(monitored):
    method = methodology_for(monitored, today=TODAY)

    assert [(str(area.label), area.count) for area in method.areas] == [
        ("T. Прозрачност", 2),
        ("P. Участие", 2),
    ]
    assert method.criteria == 4
    assert method.observations == 5
    statuses = {row.label: row.count for row in method.by_status}
    assert statuses == {
        Observation.Status.SUBMITTED.label: 1,
        Observation.Status.DISPUTED.label: 0,
        Observation.Status.VERIFIED.label: 4,
    }
    assert [row.count for row in method.by_channel] == [4, 1]
    assert method.settlements == 2
    requests = method.requests
    assert (requests.total, requests.on_time, requests.late, requests.no_answer) == (5, 1, 1, 1)
    assert (requests.overdue, requests.pending) == (1, 1)
    replies = method.replies
    assert (replies.findings, replies.on_time, replies.late, replies.missing) == (4, 1, 1, 2)


def test_the_methodology_carries_the_agreement_between_scorers(monitored):
    agreement = methodology_for(monitored, today=TODAY).agreement

    assert (agreement.overall.pairs, agreement.overall.agreed) == (4, 3)
    assert agreement.overall.percent == Decimal(75)
    assert round(agreement.overall.kappa, 4) == round(7 / 11, 4)
    by_area = {area.code: figures for area, figures in agreement.areas}
    assert (by_area["T"].pairs, by_area["T"].agreed) == (2, 1)
    assert (by_area["P"].pairs, by_area["P"].agreed) == (2, 2)


def test_members_are_named_only_with_their_consent(monitored):
    method = methodology_for(monitored, today=TODAY)

    assert method.monitors.names == ["Мария Петрова"]
    assert method.monitors.unnamed == 1
    assert method.monitors.total == 2
    assert method.coordinator.names == []
    assert method.coordinator.total == 1


def test_the_report_page_names_only_those_who_consented(client, monitored, report, staff):
    publish_round(monitored)
    reports.publish(report, user=staff)

    page = client.get(report.get_absolute_url()).content.decode()

    assert "Мария Петрова" in page
    assert "Скрития" not in page
    assert "Координаторова" not in page


def test_a_published_report_judges_requests_on_its_day_of_publication(monitored, report, staff):
    publish_round(monitored)
    reports.publish(report, user=staff)
    MonitoringReport.objects.filter(pk=report.pk).update(
        published_at=datetime(2026, 9, 5, 12, tzinfo=SOFIA)
    )
    report.refresh_from_db()

    requests = report_content(report).methodology.requests

    # On 05.09.2026 the request of 01.09.2026 not yet answered was still within its deadline.
    assert (requests.overdue, requests.pending) == (0, 2)


# Composing and publishing


def test_a_round_has_one_report(monitored, report, staff):
    with pytest.raises(Refused):
        reports.create_report(monitored, user=staff, title="Втори доклад")

    assert MonitoringReport.objects.count() == 1


def test_the_report_address_is_made_from_its_title(report):
    assert report.slug == "doklad-ot-grazhdanskoto-nablyudenie-2026"


def test_a_report_is_not_published_before_its_round(monitored, report, staff):
    with pytest.raises(Refused) as refused:
        reports.publish(report, user=staff)

    assert monitored.title in str(refused.value.message)
    report.refresh_from_db()
    assert report.status == MonitoringReport.Status.DRAFT
    assert report.published_at is None


def test_publishing_dates_the_report_and_records_it(monitored, report, staff):
    publish_round(monitored)

    reports.publish(report, user=staff)

    report.refresh_from_db()
    assert report.is_public()
    assert report.published_at is not None
    entry = Entry.objects.get(action="monitoring.report_published")
    assert entry.actor == staff
    assert entry.object_id == report.pk


def test_unpublishing_takes_the_report_back_to_a_draft(monitored, report, staff):
    publish_round(monitored)
    reports.publish(report, user=staff)

    reports.unpublish(report, user=staff)

    report.refresh_from_db()
    assert report.status == MonitoringReport.Status.DRAFT
    assert report.published_at is None
    assert Entry.objects.filter(action="monitoring.report_unpublished").exists()


def test_a_published_report_is_not_edited(monitored, report, staff):
    publish_round(monitored)
    reports.publish(report, user=staff)

    with pytest.raises(Refused):
        reports.update_report(report, user=staff, conclusions="Нови изводи.")

    report.refresh_from_db()
    assert report.conclusions == "Прозрачността трябва да се подобри."


def test_a_draft_report_follows_its_title(report, staff):
    reports.update_report(report, user=staff, title="Доклад за прозрачността")

    report.refresh_from_db()
    assert report.slug == "doklad-za-prozrachnostta"


def test_approving_a_recommendation_of_a_published_report_is_refused(monitored, report, staff):
    recommendation = recommend(report, staff)
    publish_round(monitored)
    reports.publish(report, user=staff)

    with pytest.raises(Refused):
        register_services.approve(recommendation, user=staff)


# The screens


def test_the_round_s_report_page_starts_the_report_then_leads_to_it(client, monitored, staff):
    client.force_login(staff)
    url = reverse("monitoring:report_create", args=[monitored.slug])
    assert client.get(url).status_code == 200

    response = client.post(url, {"title": "Доклад 2026", "summary": "Накратко."})

    report = MonitoringReport.objects.get(round=monitored)
    assert response.url == reverse("monitoring:report_edit", args=[report.slug])
    assert client.get(url).url == reverse("monitoring:report_edit", args=[report.slug])


def test_a_title_left_empty_is_asked_for_and_nothing_is_saved(client, monitored, staff):
    client.force_login(staff)

    response = client.post(
        reverse("monitoring:report_create", args=[monitored.slug]),
        {"title": "", "summary": "Текстът остава."},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert "Текстът остава." in response.content.decode()
    assert not MonitoringReport.objects.exists()


def test_the_edit_page_shows_why_the_report_cannot_be_published_yet(client, report, staff):
    client.force_login(staff)

    page = client.get(reverse("monitoring:report_edit", args=[report.slug])).content.decode()
    response = client.post(reverse("monitoring:report_publish", args=[report.slug]))

    refusal = str(reports.publish_refusal(report))
    assert refusal.split("“")[0] in page
    assert [str(message) for message in get_messages(response.wsgi_request)] == [refusal]
    report.refresh_from_db()
    assert report.status == MonitoringReport.Status.DRAFT


def test_staff_publish_and_unpublish_from_the_edit_page(client, monitored, report, staff):
    publish_round(monitored)
    client.force_login(staff)

    client.post(reverse("monitoring:report_publish", args=[report.slug]))
    report.refresh_from_db()
    assert report.is_public()

    client.post(reverse("monitoring:report_unpublish", args=[report.slug]))
    report.refresh_from_db()
    assert not report.is_public()


def back_office_urls(report, recommendation):
    slug = report.slug
    return [
        ("get", reverse("monitoring:report_create", args=[report.round.slug])),
        ("get", reverse("monitoring:report_edit", args=[slug])),
        ("post", reverse("monitoring:report_edit", args=[slug])),
        ("post", reverse("monitoring:report_publish", args=[slug])),
        ("post", reverse("monitoring:report_unpublish", args=[slug])),
        ("post", reverse("monitoring:report_pdf", args=[slug])),
        ("get", reverse("monitoring:report_recommendation_list", args=[slug])),
        ("post", reverse("monitoring:report_recommendation_list", args=[slug])),
        ("get", reverse("monitoring:report_recommendation_edit", args=[slug, recommendation.pk])),
    ]


@pytest.mark.parametrize("persona", ["monitor", "official", "resident", "outsider"])
def test_only_staff_compose_the_report(client, request, persona, monitored, report, staff):
    publish_round(monitored)
    reports.publish(report, user=staff)
    recommendation = recommend(report, staff)
    client.force_login(request.getfixturevalue(persona))

    for method, url in back_office_urls(report, recommendation):
        assert getattr(client, method)(url).status_code == 403, url
    report.refresh_from_db()
    assert report.is_public()
    assert Recommendation.objects.count() == 1


def test_visitors_are_sent_to_log_in(client, report, staff):
    recommendation = recommend(report, staff)

    for method, url in back_office_urls(report, recommendation):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login"))


def test_staff_open_every_back_office_page(client, report, staff):
    recommendation = recommend(report, staff)
    client.force_login(staff)

    for method, url in back_office_urls(report, recommendation):
        if method == "get":
            assert client.get(url, follow=True).status_code == 200, url


@pytest.mark.parametrize("persona", [None, "monitor", "official", "resident"])
def test_a_draft_report_is_hidden_from_all_but_staff(client, request, persona, report):
    if persona:
        client.force_login(request.getfixturevalue(persona))

    assert client.get(report.get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_with_a_banner(client, report, staff, english):
    client.force_login(staff)

    page = client.get(report.get_absolute_url()).content.decode()

    assert "this is a preview for the project team" in page
    assert report.title in page


def test_the_public_report_shows_findings_replies_and_links_to_each_finding(
    client, monitored, report, staff, centre
):
    publish_round(monitored)
    reports.publish(report, user=staff)

    page = client.get(report.get_absolute_url()).content.decode()

    assert "preview for the project team" not in page
    assert "Констатация T1 за centre" in page
    assert "Отговорът е в срок." in page
    assert reverse("monitoring:finding", args=[monitored.slug, centre.slug, "T1"]) in page
    # The draft of the village's T2 is the monitor's own until submitted.
    assert "Констатация T2 за village" not in page
    assert "Прозрачността трябва да се подобри." in page


def test_the_report_page_takes_a_bounded_number_of_queries(
    client, monitored, report, staff, django_assert_max_num_queries
):
    register_services.approve(recommend(report, staff), user=staff)
    publish_round(monitored)
    reports.publish(report, user=staff)

    with django_assert_max_num_queries(22):
        response = client.get(report.get_absolute_url())

    assert response.status_code == 200


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_full_round_s_report_page_takes_as_many_queries_as_a_small_one(
    client, monitored, report, staff, monitor
):
    publish_round(monitored)
    reports.publish(report, user=staff)
    full = reports.create_report(full_round(monitor, staff), user=staff, title="Пълен доклад")
    reports.publish(full, user=staff)

    assert queries_of(client, full.get_absolute_url()) == queries_of(
        client, report.get_absolute_url()
    )


# The recommendations


def test_recommendations_written_on_the_report_s_pages_enter_the_register(
    client, report, staff, village
):
    client.force_login(staff)

    client.post(
        reverse("monitoring:report_recommendation_list", args=[report.slug]),
        {
            "title": "Приемно време в кметствата",
            "text": "Кметствата да обявяват приемното си време.",
            "rationale": "Хората не знаят кога да дойдат.",
            "settlements": [village.pk],
        },
    )

    recommendation = Recommendation.objects.get()
    assert recommendation.source == report
    assert recommendation.activity == Activity.MONITORING
    assert recommendation.status == Recommendation.Status.DRAFT
    assert list(report.recommendations.all()) == [recommendation]


def test_draft_recommendations_stay_with_the_team_until_approved(client, monitored, report, staff):
    draft = recommend(report, staff, title="Чернова на препоръка")
    approved = register_services.approve(recommend(report, staff), user=staff)
    publish_round(monitored)
    reports.publish(report, user=staff)

    page = client.get(report.get_absolute_url()).content.decode()

    assert approved.title in page
    assert draft.title not in page
    client.force_login(staff)
    assert draft.title in client.get(report.get_absolute_url()).content.decode()
