"""The surveys' cases for the toolkit: every questionnaire with public results, its respondents
as the public results page counts them (the frozen figures), under disclosure control."""

import pytest

from ivanovo_portal.recommendations import services as recommendations
from surveys import cases as provider
from surveys.models import AnalysisReport, Questionnaire
from surveys.services.questionnaires import publish_results

pytestmark = pytest.mark.django_db


def answered_by(questionnaire, respond, count):
    for _ in range(count):
        respond(Q1="krasen", Q2="yes", Q8="3")


def test_a_questionnaire_with_public_results_is_a_case_of_the_survey(questionnaire, respond, staff):
    answered_by(questionnaire, respond, 6)
    publish_results(questionnaire, user=staff)
    answered_by(questionnaire, respond, 2)  # after publication: the public figures stay at 6

    [case] = provider.questionnaire_cases()

    assert (case.key, case.method, case.title) == ("grazhdanite", "survey", questionnaire.title)
    assert case.participants == 6
    assert [(figure.label, figure.value) for figure in case.by_group] == [("Граждани и НПО", "6")]
    assert case.url == "/surveys/grazhdanite/"
    assert case.results_url == "/surveys/grazhdanite/results/"


def test_its_published_report_and_recommendations_are_its_outcome(questionnaire, respond, staff):
    answered_by(questionnaire, respond, 5)
    publish_results(questionnaire, user=staff)
    report = AnalysisReport.objects.create(title="Анализ", slug="analiz", created_by=staff)
    report.questionnaires.add(questionnaire)
    for title in ("Първа", "Втора"):
        recommendation = recommendations.create_recommendation(
            user=staff, title=title, text="Текст.", rationale="Мотиви.", source=report
        )
        recommendations.approve(recommendation, user=staff)
    recommendations.create_recommendation(
        user=staff, title="Чернова", text="Текст.", rationale="Мотиви.", source=report
    )
    AnalysisReport.objects.filter(pk=report.pk).update(status=AnalysisReport.Status.PUBLISHED)

    [case] = provider.questionnaire_cases()

    assert case.recommendations == 2
    assert "2" in case.outcome
    assert "2" in case.what_changed


def test_an_open_questionnaire_without_public_results_is_no_case(questionnaire, respond):
    answered_by(questionnaire, respond, 6)

    assert provider.questionnaire_cases() == []


def test_a_draft_is_no_case(draft):
    Questionnaire.objects.filter(pk=draft.pk).update(results_published=True, public_figures={})

    assert provider.questionnaire_cases() == []


def test_fewer_than_five_respondents_are_not_shown_as_a_number(questionnaire, respond, staff):
    answered_by(questionnaire, respond, 3)
    publish_results(questionnaire, user=staff)

    [case] = provider.questionnaire_cases()

    assert case.participants is None
    assert [figure.value for figure in case.by_group] == ["не се показва"]
