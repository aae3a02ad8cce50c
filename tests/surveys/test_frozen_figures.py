"""Published figures are frozen: a results page on two days, or a page and a report, never differ
by 1 to 4 respondents, and staff are told why the figures cannot be updated yet."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.refusals import Refused
from surveys.models import Response
from surveys.results.reports import report_content
from surveys.services import questionnaires, reports


@pytest.fixture
def ten(questionnaire, respond):
    for place in ["ivanovo"] * 5 + ["krasen"] * 5:
        respond(Q1=place, Q2="yes", Q8="4")
    return questionnaire


def public_respondents(client, questionnaire):
    url = reverse("surveys:open_data", args=[questionnaire.slug])
    return client.get(url).json()["respondents"]


def test_published_results_keep_their_figures_when_answers_come_later(client, ten, respond):
    questionnaires.publish_results(ten)
    respond(Q1="mechka", Q2="no", Q8="1", channel="paper")
    assert public_respondents(client, ten) == 10


def test_the_public_figures_are_updated_only_once_five_responses_have_changed(
    client, ten, respond, staff
):
    questionnaires.publish_results(ten)
    for _ in range(3):
        respond(Q1="mechka", Q2="no", Q8="1", channel="paper")
    discard = ten.responses.earliest("pk")
    Response.objects.filter(pk=discard.pk).update(discarded_at=timezone.now(), discard_reason="x")

    with pytest.raises(Refused, match="4 отговора"):
        questionnaires.refresh_public_figures(ten)

    respond(Q1="mechka", Q2="no", Q8="1", channel="paper")
    questionnaires.refresh_public_figures(ten)
    assert public_respondents(client, ten) == 13


def test_staff_are_told_why_the_figures_cannot_be_updated_yet(client, ten, respond, staff):
    questionnaires.publish_results(ten)
    respond(Q1="mechka", Q2="no", Q8="1")
    client.force_login(staff)
    url = reverse("surveys:refresh_public_figures", args=[ten.slug])
    page = client.post(url, follow=True).content.decode()
    assert "се е променил само 1 отговор" in page
    client.logout()
    assert public_respondents(client, ten) == 10


def test_a_report_and_the_results_published_after_it_show_the_same_figures(
    client, ten, respond, staff
):
    report = reports.create_report(user=staff, questionnaires=[ten], title="Анализ", slug="a")
    reports.publish(report, user=staff)
    respond(Q1="mechka", Q2="no", Q8="1")
    questionnaires.publish_results(ten)
    assert report_content(report).methodology.total == 10
    assert public_respondents(client, ten) == 10
