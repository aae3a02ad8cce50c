"""The surveys' demo: three questionnaires and an open follow-up, 110+ responses, two reports."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count, F
from django.utils import timezone

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations.models import Recommendation
from surveys.models import AnalysisReport, Answer, Channel, Questionnaire, Response, TargetGroup
from surveys.results import methodology

CITIZENS_REPORT = "Анализ на мненията на гражданите и НПО за работата на Община Иваново"
BUSINESS_REPORT = "Анализ на мнението на бизнеса за работата на Община Иваново"


@pytest.fixture
def seeded(demo_for_module, db):
    """The demo, seeded once for the module."""


def test_the_demo_has_a_closed_questionnaire_per_target_group_and_an_open_follow_up(seeded):
    closed = Questionnaire.objects.filter(status=Questionnaire.Status.CLOSED)
    assert sorted(closed.values_list("target_group", flat=True)) == sorted(TargetGroup.values)
    follow_up = Questionnaire.objects.get(status=Questionnaire.Status.OPEN)
    assert follow_up.target_group == TargetGroup.CITIZENS_NGOS
    assert not follow_up.responses.exists()


def test_the_demo_has_at_least_110_responses_in_all_13_settlements(seeded):
    assert Response.objects.count() >= 110
    reached = Response.objects.values("settlement").distinct()
    assert set(reached.values_list("settlement", flat=True)) == set(
        Settlement.objects.values_list("pk", flat=True)
    )
    by_group = dict(
        Response.objects.values_list("questionnaire__target_group").annotate(n=Count("pk"))
    )
    assert by_group == {"citizens_ngos": 80, "businesses": 30, "municipal": 25}


def test_demo_responses_follow_the_conventions_of_the_model(seeded):
    assert set(Response.objects.values_list("channel", flat=True)) == set(Channel.values)
    paper = Response.objects.filter(channel=Channel.PAPER)
    assert not paper.filter(form_number="").exists()
    assert not paper.filter(entered_by=None).exists()
    assert not Response.objects.filter(channel=Channel.ONLINE).exclude(entered_by=None).exists()
    dates = Response.objects.values_list("submitted_at__date", flat=True)
    assert min(dates).isoformat() >= "2022-10-01" and max(dates).isoformat() <= "2022-12-31"
    scale = Answer.objects.filter(question__kind="scale")
    assert scale.exists() and not scale.filter(number=None).exists()
    matrix = Answer.objects.filter(question__kind="matrix")
    assert matrix.exists() and not matrix.filter(row=None).exists()
    settlement_answers = Answer.objects.filter(question__kind="settlement")
    assert settlement_answers.count() == Response.objects.count()
    assert not settlement_answers.exclude(settlement=F("response__settlement")).exists()


def test_the_two_reports_are_published_with_recommendations_in_the_register(seeded):
    published = AnalysisReport.objects.published()
    assert set(published.values_list("title", flat=True)) == {CITIZENS_REPORT, BUSINESS_REPORT}
    for report in published:
        recommendations = list(report.recommendations.all())
        assert len(recommendations) >= 2
        assert all(r.activity == Activity.SURVEYS for r in recommendations)
        assert report.items.count() >= 5
        assert report.introduction and report.conclusions
    assert Recommendation.objects.filter(source_id__in=published.values("pk")).count() >= 5


def test_the_demo_methodology_agrees_with_the_responses(seeded):
    report = AnalysisReport.objects.get(title=BUSINESS_REPORT)

    method = methodology.methodology_for(list(report.questionnaires.all()))

    assert method.total == 30
    assert sum(row.total for row in method.settlements) == 30
    assert sum(share.count for share in method.channels) == 30
    assert method.first.year == method.last.year == 2022


def test_demo_paper_forms_and_interviews_were_filled_in_before_they_were_typed(seeded):
    opened = date(2022, 10, 3)
    typed_in = Response.objects.exclude(channel=Channel.ONLINE).select_related("questionnaire")

    assert typed_in.exists() and not typed_in.filter(filled_on=None).exists()
    for response in typed_in:
        assert opened <= response.filled_on <= timezone.localdate(response.submitted_at)
    assert typed_in.filter(filled_on__lt=F("submitted_at__date")).count() > 0.9 * len(typed_in)
    assert not Response.objects.filter(channel=Channel.ONLINE).exclude(filled_on=None).exists()


def test_the_citizens_report_shows_a_summary_of_its_open_question(seeded):
    report = AnalysisReport.objects.get(title=CITIZENS_REPORT)

    summarised = report.items.exclude(answers_summary="").select_related("question")

    assert [item.question.kind for item in summarised] == ["long_text"]


def test_seeding_again_creates_nothing(seeded):
    counts = (Questionnaire.objects.count(), Response.objects.count(), Answer.objects.count())

    call_command("seed_demo", stdout=io.StringIO())

    assert counts == (
        Questionnaire.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
    )
    assert AnalysisReport.objects.count() == 2


def test_the_register_demo_is_intact(seeded):
    assert Recommendation.objects.filter(source_label__startswith="Кръгла маса").exists()
    assert Recommendation.objects.filter(number="П-2023-001").exists()
