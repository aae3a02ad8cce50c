"""Conditions in the builder: on an earlier choice question only, and kept true when questions,
sections and options move or go."""

import pytest

from ivanovo_portal.refusals import Refused
from surveys.models import Question
from surveys.services import structure

from .building import errors_of, question_data, url

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def _condition_on(client, questionnaire, question, source, *choices):
    return client.post(
        url("question_edit", questionnaire, question.pk),
        question_data(
            question,
            condition_question=source.pk,
            condition_choices=[c.pk for c in choices],
        ),
    )


def test_a_condition_on_an_earlier_choice_question_is_saved(staff_client, questionnaire, question):
    q8 = question("Q8")

    _condition_on(
        staff_client, questionnaire, question("Q10"), q8, *q8.choices.filter(value__gte=4)
    )

    q10 = question("Q10")
    assert q10.condition_question == q8
    assert {c.code for c in q10.condition_choices.all()} == {"4", "5"}


def test_a_condition_on_a_later_question_is_refused(staff_client, questionnaire, question):
    q6 = question("Q6")
    response = _condition_on(
        staff_client, questionnaire, question("Q4"), q6, q6.choices.get(code="tv")
    )

    assert "condition_question" in response.context["form"].errors
    assert question("Q4").condition_question is None


def test_a_condition_on_a_text_question_is_not_even_offered(staff_client, questionnaire, question):
    response = _condition_on(staff_client, questionnaire, question("Q10"), question("Q3"))

    assert "condition_question" in response.context["form"].errors
    assert question("Q10").condition_question is None


def test_the_service_refuses_a_condition_on_a_later_question(questionnaire, question):
    q6 = question("Q6")

    with pytest.raises(Refused) as refused:
        structure.check_condition(question("Q4"), q6, q6.choices.all())

    assert refused.value.field == "condition_question"


def test_the_service_refuses_a_condition_on_a_non_choice_question(questionnaire, question):
    with pytest.raises(Refused) as refused:
        structure.check_condition(question("Q10"), question("Q4"), [])

    assert refused.value.field == "condition_question"


def test_a_condition_with_options_of_another_question_is_refused(
    staff_client, questionnaire, question
):
    response = _condition_on(
        staff_client,
        questionnaire,
        question("Q10"),
        question("Q2"),
        question("Q6").choices.get(code="tv"),
    )

    assert "condition_choices" in response.context["form"].errors
    assert question("Q10").condition_question is None


def test_a_condition_without_options_is_refused(staff_client, questionnaire, question):
    response = _condition_on(staff_client, questionnaire, question("Q10"), question("Q2"))

    assert "condition_choices" in response.context["form"].errors


def test_moving_a_question_above_the_one_its_condition_depends_on_is_refused(
    staff_client, questionnaire, question
):
    q3 = question("Q3")

    response = staff_client.post(
        url("question_move", questionnaire, q3.pk), {"direction": "up"}, follow=True
    )

    assert errors_of(response)
    assert [q.code for q in Question.objects.filter(section__questionnaire=questionnaire)][:3] == [
        "Q1",
        "Q2",
        "Q3",
    ]


def test_the_option_a_condition_depends_on_cannot_be_removed(staff_client, questionnaire, question):
    q2 = question("Q2")
    q6 = question("Q6")
    Question.objects.filter(pk=question("Q10").pk).update(condition_question=q6)
    question("Q10").condition_choices.set(q6.choices.filter(code="tv"))

    response = staff_client.post(
        url("question_edit", questionnaire, q6.pk),
        question_data(q6, options="site | Интернет страницата\nmayor | От кмета"),
    )

    assert "options" in response.context["form"].errors
    assert q6.choices.filter(code="tv").exists()
    with pytest.raises(Refused):
        structure.delete_question(q2)


# Ordering


def test_staff_move_questions_up_and_down_and_across_sections(
    staff_client, questionnaire, question
):
    q7 = question("Q7")
    staff_client.post(url("question_move", questionnaire, q7.pk), {"direction": "up"})
    order = list(Question.objects.filter(section__questionnaire=questionnaire))
    assert [q.code for q in order][5:7] == ["Q7", "Q6"]

    q6 = question("Q6")
    staff_client.post(url("question_move", questionnaire, q6.pk), {"direction": "up"})
    staff_client.post(url("question_move", questionnaire, q6.pk), {"direction": "up"})

    q6 = question("Q6")
    assert q6.section.title == "За вас"
    assert [q.code for q in q6.section.questions.order_by("position")][-1] == "Q6"


def test_staff_move_sections(staff_client, questionnaire):
    second = questionnaire.sections.get(title="Мнения")

    staff_client.post(url("section_move", questionnaire, second.pk), {"direction": "up"})

    assert list(questionnaire.sections.values_list("title", flat=True)) == ["Мнения", "За вас"]


def test_moving_a_section_above_the_question_its_condition_depends_on_is_refused(
    staff_client, questionnaire, question
):
    q2 = question("Q2")
    views = questionnaire.sections.get(title="Мнения")
    structure.add_question(
        views,
        kind=Kind.SHORT_TEXT,
        text="Какво научихте от обсъждането?",
        required=False,
        condition_question=q2,
        condition_choices=q2.choices.filter(code="yes"),
    )

    response = staff_client.post(
        url("section_move", questionnaire, views.pk), {"direction": "up"}, follow=True
    )

    assert errors_of(response)
    assert list(questionnaire.sections.values_list("title", flat=True)) == ["За вас", "Мнения"]
