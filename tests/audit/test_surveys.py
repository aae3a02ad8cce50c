"""Opening and closing a questionnaire, publishing its results and publishing a report are on
record, with who did it."""

import pytest
from django.urls import reverse

from ivanovo_portal.audit.models import Entry
from ivanovo_portal.refusals import Refused
from surveys.models import AnalysisReport, Questionnaire, Response
from surveys.services import questionnaires, reports, responses

from .conftest import actions, last

pytestmark = pytest.mark.django_db


def test_closing_and_publishing_results_on_the_builder_are_recorded_with_the_user(
    client, staff, questionnaire
):
    client.force_login(staff)
    client.post(reverse("surveys:close", args=[questionnaire.slug]))
    client.post(reverse("surveys:publish_results", args=[questionnaire.slug]))
    client.post(reverse("surveys:publish_results", args=[questionnaire.slug]), {"published": "0"})

    assert actions(questionnaire) == [
        "questionnaire.closed",
        "questionnaire.results_published",
        "questionnaire.results_hidden",
    ]
    entry = last(questionnaire)
    assert entry.actor == staff
    assert entry.changes == {"results_published": ["да", "не"]}
    page = client.get(reverse("surveys:builder", args=[questionnaire.slug])).content.decode()
    assert 'id="history-heading"' in page


def test_publishing_a_report_and_taking_it_back_are_recorded(staff, questionnaire):
    report = reports.create_report(
        user=staff, questionnaires=[questionnaire], title="Анализ", slug="analiz"
    )

    reports.publish(report, user=staff)
    reports.unpublish(report, user=staff)

    assert actions(report) == ["report.published", "report.unpublished"]
    draft, published = (
        str(AnalysisReport.Status.DRAFT.label),
        str(AnalysisReport.Status.PUBLISHED.label),
    )
    assert last(report).changes["status"] == [published, draft]


def test_a_refused_publication_records_nothing(staff):
    draft = questionnaires.create_questionnaire(user=staff, title="Чернова")

    with pytest.raises(Refused):
        questionnaires.publish_results(draft, user=staff)

    assert not Entry.objects.filter(object_id=draft.pk, action__startswith="questionnaire.")


def test_opening_a_questionnaire_is_recorded(staff, questionnaire):
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.DRAFT)

    questionnaires.open_questionnaire(questionnaire, user=staff)

    assert last(questionnaire).action == "questionnaire.opened"
    assert last(questionnaire).changes["status"] == [
        str(Questionnaire.Status.DRAFT.label),
        str(Questionnaire.Status.OPEN.label),
    ]


def test_discarding_a_response_records_which_and_why(staff, questionnaire, respond):
    response = respond()

    responses.discard_responses(
        Response.objects.filter(pk=response.pk), by=staff, reason="Двойна хартиена анкета"
    )

    entry = last(questionnaire)
    assert (entry.action, entry.actor) == ("questionnaire.responses_discarded", staff)
    assert entry.changes == {"responses": ["", str(response.pk)]}
    assert entry.reason == "Двойна хартиена анкета"
