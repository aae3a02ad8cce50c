"""Progress against the quotas, and the surveys' figures on the indicators page."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from ivanovo_portal.indicators.registry import value
from surveys.models import AnalysisReport, Channel, Questionnaire, Response, TargetGroup
from surveys.results.progress import quota_progress
from tests.conftest import make_user


@pytest.fixture
def businesses(db):
    return Questionnaire.objects.create(
        title="Бизнесът и общината",
        slug="biznes",
        target_group=TargetGroup.BUSINESSES,
        status=Questionnaire.Status.OPEN,
        quota_total=30,
    )


@pytest.fixture
def answered(questionnaire, businesses, respond):
    respond(Q1="krasen")
    respond(Q1="krasen", channel=Channel.PAPER)
    respond(Q1="mechka", channel=Channel.INTERVIEW)
    Response.objects.create(questionnaire=businesses, channel=Channel.ONLINE)
    return questionnaire


def test_progress_counts_by_settlement_against_the_quota(answered):
    item = quota_progress(answered).questionnaires[0]
    cells = {s.slug: c for s, c in item.settlements}
    assert (cells["krasen"].count, cells["krasen"].target) == (2, 8)
    assert cells["krasen"].by_channel == {"online": 1, "paper": 1}
    assert cells["krasen"].percent == 25.0
    assert cells["nisovo"].count == 0
    assert (item.total.count, item.total.target) == (3, 110)
    assert {row.code: row.count for row in item.by_channel} == {
        "online": 1,
        "paper": 1,
        "interview": 1,
    }


def test_progress_sums_target_groups_and_counts_towards_110(answered, businesses):
    overall = quota_progress()
    groups = dict(overall.groups)
    assert groups[TargetGroup.CITIZENS_NGOS.label].count == 3
    assert groups[TargetGroup.BUSINESSES.label].count == 1
    assert groups[TargetGroup.BUSINESSES.label].target == 30
    assert (overall.total.count, overall.total.target) == (4, 110)
    krasen = next(cells for s, cells, _all in overall.table if s.slug == "krasen")
    assert [(str(label), c.count) for label, c in krasen] == [
        (str(TargetGroup.CITIZENS_NGOS.label), 2),
        (str(TargetGroup.BUSINESSES.label), 0),
    ]


def test_drafts_are_left_out_of_progress(answered, businesses):
    Questionnaire.objects.filter(pk=businesses.pk).update(status=Questionnaire.Status.DRAFT)
    assert [p.questionnaire for p in quota_progress().questionnaires] == [answered]


@pytest.fixture
def viewer(db):
    user = make_user("viewer")
    user.user_permissions.add(Permission.objects.get(codename="view_results"))
    return user


def test_staff_see_the_progress_page_in_few_queries(
    client, viewer, answered, django_assert_max_num_queries
):
    client.force_login(viewer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("surveys:progress"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<progress" in page and "Красен" in page
    assert 'style="' not in page


def test_the_progress_page_is_for_staff_only(client, outsider, answered):
    assert client.get(reverse("surveys:progress")).status_code == 302
    client.force_login(outsider)
    assert client.get(reverse("surveys:progress")).status_code == 403


def test_indicator_figures_count_questionnaires_respondents_and_groups(answered, businesses):
    assert value("survey_questionnaire_types") == 2
    assert value("survey_respondents") == 4
    assert value("survey_target_groups") == 2
    Questionnaire.objects.create(title="Чернова", slug="chernova", target_group="municipal")
    assert value("survey_questionnaire_types") == 2


def test_a_second_round_for_the_same_group_is_not_a_new_kind_of_questionnaire(
    answered, businesses, respond
):
    second_round = Questionnaire.objects.create(
        title="Повторно", slug="povtorno", target_group=answered.target_group, status="open"
    )
    respond(second_round)
    assert value("survey_questionnaire_types") == 2


def test_indicator_figures_count_published_reports_per_group(answered, businesses):
    citizens = AnalysisReport.objects.create(title="Граждани", slug="grazhdani")
    citizens.questionnaires.add(answered)
    both = AnalysisReport.objects.create(title="Всички", slug="vsichki", status="published")
    both.questionnaires.add(answered, businesses)
    assert value("survey_report_citizens") == 1
    assert value("survey_report_business") == 1
    AnalysisReport.objects.filter(pk=citizens.pk).update(status="published")
    assert value("survey_report_citizens") == 2
