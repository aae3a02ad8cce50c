"""Composing a report on the screens, and its recommendations entering the register with the report
as their source."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations import letters
from ivanovo_portal.recommendations import services as register_services
from ivanovo_portal.recommendations.models import Recommendation
from ivanovo_portal.refusals import Refused
from surveys.models import (
    AnalysisReport,
    Question,
)
from surveys.services import reports

from .conftest import recommend

pytestmark = pytest.mark.django_db


def test_staff_compose_a_report_on_the_screens(client, writer, questionnaire, question, sample):
    client.force_login(writer)

    response = client.post(
        reverse("surveys:report_create"),
        {
            "title": "Анализ 2022",
            "questionnaires": [questionnaire.pk],
            "introduction": "Въведение",
        },
    )

    report = AnalysisReport.objects.get(slug="analiz-2022")
    assert response.url == reverse("surveys:report_items", args=[report.slug])
    assert report.status == AnalysisReport.Status.DRAFT
    assert report.created_by == writer
    items_url = reverse("surveys:report_items", args=[report.slug])
    for code in ("Q8", "Q7"):
        client.post(items_url, {"add-question": question(code).pk, "add-commentary": code})
    first, second = report.items.all()
    assert [first.question.code, second.question.code] == ["Q8", "Q7"]

    client.post(
        reverse("surveys:report_item_move", args=[report.slug, second.pk]), {"direction": "up"}
    )
    assert [item.question.code for item in report.items.all()] == ["Q7", "Q8"]

    client.post(
        reverse("surveys:report_item_edit", args=[report.slug, first.pk]),
        {f"item-{first.pk}-commentary": "Нов коментар"},
    )
    first.refresh_from_db()
    assert first.commentary == "Нов коментар"

    client.post(reverse("surveys:report_item_remove", args=[report.slug, second.pk]))
    assert list(report.items.values_list("question__code", flat=True)) == ["Q8"]

    page = client.get(reverse("surveys:report", args=[report.slug]))
    assert page.status_code == 200
    assert question("Q8").text in page.content.decode()
    assert "Нов коментар" in page.content.decode()


def test_staff_never_type_a_reports_address(client, writer, questionnaire):
    client.force_login(writer)

    page = client.get(reverse("surveys:report_create")).content.decode()
    client.post(
        reverse("surveys:report_create"),
        {"title": "Нов доклад", "slug": "typed", "questionnaires": [questionnaire.pk]},
    )

    assert 'name="slug"' not in page
    assert AnalysisReport.objects.get().slug == "nov-doklad"


def test_a_report_keeps_the_address_it_was_published_at_when_retitled(writer, questionnaire):
    draft = reports.create_report(user=writer, questionnaires=[questionnaire], title="Чернова")
    draft = reports.update_report(draft, user=writer, title="Мнения на жителите")
    assert draft.slug == "mnenia-na-zhitelite"
    draft.published_at = timezone.now()
    draft.save()

    published = reports.update_report(draft, user=writer, title="Мненията на жителите")

    assert published.slug == "mnenia-na-zhitelite"


def test_an_empty_report_form_shows_messages_and_saves_nothing(client, writer):
    client.force_login(writer)

    response = client.post(reverse("surveys:report_create"), {"title": "Само заглавие"})

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"questionnaires"}
    assert "Само заглавие" in response.content.decode()
    assert not AnalysisReport.objects.exists()


def test_a_question_of_another_questionnaire_is_refused(
    client, writer, report, businesses, questionnaire
):
    reports.update_report(report, user=writer, questionnaires=[questionnaire])
    other = Question.objects.get(section__questionnaire=businesses, code="Q1")
    client.force_login(writer)

    response = client.post(
        reverse("surveys:report_items", args=[report.slug]), {"add-question": other.pk}
    )

    assert response.status_code == 200
    assert response.context["add_form"].errors["question"]
    assert report.items.count() == 2


def test_the_service_refuses_a_question_twice_and_one_from_elsewhere(report, writer, question):
    with pytest.raises(Refused):
        reports.add_item(report, question=question("Q8"), user=writer)
    report.questionnaires.remove(question("Q7").section.questionnaire)
    with pytest.raises(Refused) as refusal:
        reports.add_item(report, question=question("Q7"), user=writer)
    assert refusal.value.field == "question"


def test_a_questionnaire_whose_questions_the_report_shows_cannot_be_removed(
    client, writer, report, businesses
):
    client.force_login(writer)

    response = client.post(
        reverse("surveys:report_edit", args=[report.slug]),
        {"title": report.title, "slug": report.slug, "questionnaires": [businesses.pk]},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["questionnaires"]
    assert report.questionnaires.count() == 2


def test_moving_the_first_question_up_changes_nothing(report, writer):
    first = report.items.first()

    reports.move_item(first, up=True, user=writer)

    assert list(report.items.values_list("question__code", flat=True)) == ["Q8", "Q2"]


# Recommendations


def test_recommendations_enter_the_register_with_the_report_as_source(client, writer, report):
    client.force_login(writer)

    client.post(
        reverse("surveys:report_recommendation_list", args=[report.slug]),
        {
            "title": "Обявления в кметствата",
            "text": "Обсъжданията да се обявяват и в кметствата.",
            "rationale": "Хората научават новините от кмета.",
        },
    )

    recommendation = Recommendation.objects.get()
    assert recommendation.source == report
    assert recommendation.activity == Activity.SURVEYS
    assert recommendation.status == Recommendation.Status.DRAFT
    assert list(report.recommendations.all()) == [recommendation]
    assert report.title in recommendation.origin
    manage = client.get(reverse("recommendations:manage_list"))
    assert recommendation.title in manage.content.decode()


def test_an_approved_report_recommendation_is_public_in_the_register(client, writer, report):
    recommendation = recommend(report, writer)
    register_services.approve(recommendation, user=writer)

    listing = client.get(reverse("recommendations:list"))
    detail = client.get(recommendation.get_absolute_url())

    assert recommendation.title in listing.content.decode()
    assert report.title in detail.content.decode()


def test_staff_edit_a_report_recommendation_through_the_register(client, writer, report):
    recommendation = recommend(report, writer)
    client.force_login(writer)

    client.post(
        reverse("surveys:report_recommendation_edit", args=[report.slug, recommendation.pk]),
        {"title": "Нов текст", "text": "Текст", "rationale": "Мотиви"},
    )

    recommendation.refresh_from_db()
    assert recommendation.title == "Нов текст"
    assert recommendation.source == report


def test_a_recommendation_sent_to_the_municipality_can_no_longer_be_edited(client, writer, report):
    recommendation = recommend(report, writer)
    register_services.approve(recommendation, user=writer)
    letter = letters.prepare_letter(
        [recommendation], outgoing_number="7", outgoing_date=timezone.localdate(), user=writer
    )
    letters.file_letter(letter, filed_on=timezone.localdate(), user=writer)
    client.force_login(writer)

    response = client.post(
        reverse("surveys:report_recommendation_edit", args=[report.slug, recommendation.pk]),
        {"title": "Нов текст", "text": "Текст", "rationale": "Мотиви"},
    )

    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.title == "Обявления в кметствата"


def test_a_recommendation_of_another_report_is_not_found_here(client, writer, report):
    other = reports.create_report(user=writer, questionnaires=[], title="Друг", slug="drug")
    recommendation = recommend(other, writer)
    client.force_login(writer)

    response = client.get(
        reverse("surveys:report_recommendation_edit", args=[report.slug, recommendation.pk])
    )

    assert response.status_code == 404
