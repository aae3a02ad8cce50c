"""What the builder still allows once people have answered: wording, new options, optional
questions and reordering, but nothing that would change or orphan an answer."""

import pytest

from surveys.models import Question, Section, TargetGroup
from surveys.services import structure

from .building import errors_of, post_question, question_data, url

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def test_the_builder_says_that_answers_lock_some_changes(staff_client, questionnaire, respond):
    before = staff_client.get(url("builder", questionnaire)).context["answered"]
    respond(Q2="no")

    assert (before, staff_client.get(url("builder", questionnaire)).context["answered"]) == (
        False,
        True,
    )


def test_the_type_of_an_answered_question_cannot_change(
    staff_client, questionnaire, question, respond
):
    respond(Q6="tv")
    q6 = question("Q6")

    response = staff_client.post(
        url("question_edit", questionnaire, q6.pk), question_data(q6, kind=Kind.MULTIPLE)
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert question("Q6").kind == Kind.SINGLE


def test_the_type_of_an_unanswered_question_can_change(staff_client, questionnaire, question):
    q6 = question("Q6")

    staff_client.post(
        url("question_edit", questionnaire, q6.pk), question_data(q6, kind=Kind.MULTIPLE)
    )

    assert question("Q6").kind == Kind.MULTIPLE


def test_an_answered_option_cannot_be_removed_or_renumbered(
    staff_client, questionnaire, question, respond
):
    respond(Q6="tv", Q8="4")
    q6, q8 = question("Q6"), question("Q8")

    removed = staff_client.post(
        url("question_edit", questionnaire, q6.pk),
        question_data(q6, options="site | Интернет страницата\nmayor | От кмета"),
    )
    recoded = staff_client.post(
        url("question_edit", questionnaire, q6.pk),
        question_data(
            q6, options="site | Интернет страницата\nmayor | От кмета\ntelevision | Телевизия"
        ),
    )
    revalued = staff_client.post(
        url("question_edit", questionnaire, q8.pk),
        question_data(
            q8,
            options="1 | Много лошо | 1\n2 | Лошо | 2\n3 | Средно | 3\n"
            "4 | Добре | 8\n5 | Много добре | 5",
        ),
    )

    for response in (removed, recoded, revalued):
        assert "options" in response.context["form"].errors
    assert [c.code for c in question("Q6").choices.all()] == ["site", "mayor", "tv"]
    assert question("Q8").choices.get(code="4").value == 4


def test_an_answered_question_cannot_be_deleted(staff_client, questionnaire, question, respond):
    respond(Q4=42)

    response = staff_client.post(
        url("question_delete", questionnaire, question("Q4").pk), follow=True
    )

    assert errors_of(response)
    assert question("Q4")


def test_a_section_with_an_answered_question_cannot_be_deleted(
    staff_client, questionnaire, respond
):
    respond(Q10="Повече информация")
    views = questionnaire.sections.get(title="Мнения")

    response = staff_client.post(url("section_delete", questionnaire, views.pk), follow=True)

    assert errors_of(response)
    assert Section.objects.filter(pk=views.pk).exists()


def test_an_unanswered_question_and_an_empty_section_can_be_deleted(
    staff_client, questionnaire, question, respond
):
    respond(Q2="no")
    empty = structure.add_section(questionnaire, title="Празна")

    staff_client.post(url("question_delete", questionnaire, question("Q10").pk))
    staff_client.post(url("section_delete", questionnaire, empty.pk))

    assert not Question.objects.filter(code="Q10").exists()
    assert not Section.objects.filter(pk=empty.pk).exists()


def test_wording_labels_and_help_can_still_be_fixed_and_options_added(
    staff_client, questionnaire, question, respond
):
    respond(Q6="tv")
    q6 = question("Q6")

    response = staff_client.post(
        url("question_edit", questionnaire, q6.pk),
        question_data(
            q6,
            text="Откъде научавате новини за общината?",
            help_text="Изберете основния източник.",
            options="site | Сайтът на общината\nmayor | От кмета\ntv | Телевизия\nРадио",
        ),
    )

    assert response.status_code == 302
    q6 = question("Q6")
    assert q6.text == "Откъде научавате новини за общината?"
    assert q6.help_text == "Изберете основния източник."
    assert [(c.code, c.label) for c in q6.choices.all()] == [
        ("site", "Сайтът на общината"),
        ("mayor", "От кмета"),
        ("tv", "Телевизия"),
        ("1", "Радио"),
    ]
    assert q6.answers.get().choice.code == "tv"


def test_a_new_option_typed_without_a_code_never_takes_an_answered_option_s_code(
    staff_client, questionnaire, question, respond
):
    q = structure.add_question(
        questionnaire.sections.last(),
        kind=Kind.SINGLE,
        text="Колко често?",
        required=False,
        options=[("1", "Рядко", None), ("2", "Често", None)],
    )
    respond(**{q.code: "2"})

    response = staff_client.post(
        url("question_edit", questionnaire, q.pk),
        question_data(q, options="1 | Рядко\nНикога"),
    )

    assert "options" in response.context["form"].errors  # "2" was answered: it must stay
    assert list(q.choices.values_list("code", "label")) == [("1", "Рядко"), ("2", "Често")]


def test_only_optional_questions_can_be_added_once_answers_exist(
    staff_client, questionnaire, respond
):
    respond(Q2="no")

    required = post_question(staff_client, questionnaire, Kind.SHORT_TEXT, required="on")
    optional = post_question(staff_client, questionnaire, Kind.SHORT_TEXT)

    assert "required" in required.context["form"].errors
    assert optional.status_code == 302
    assert Question.objects.filter(section__questionnaire=questionnaire).count() == 11


def test_the_condition_of_an_answered_question_cannot_change(
    staff_client, questionnaire, question, respond
):
    respond(Q2="yes", Q3="Бюджетът")
    q3 = question("Q3")

    response = staff_client.post(
        url("question_edit", questionnaire, q3.pk),
        question_data(q3, condition_question="", condition_choices=[]),
    )

    assert "condition_question" in response.context["form"].errors
    assert question("Q3").condition_question == question("Q2")


def test_bounds_cannot_shut_out_answers_already_given(
    staff_client, questionnaire, question, respond
):
    respond(Q4=95)
    q4 = question("Q4")

    narrowed = staff_client.post(
        url("question_edit", questionnaire, q4.pk), question_data(q4, max_value="90")
    )
    widened = staff_client.post(
        url("question_edit", questionnaire, q4.pk), question_data(q4, max_value="120")
    )

    assert "max_value" in narrowed.context["form"].errors
    assert widened.status_code == 302
    assert question("Q4").max_value == 120


def test_other_cannot_be_withdrawn_once_someone_wrote_an_other_answer(
    staff_client, questionnaire, question, respond
):
    respond(Q7=["roads", "other:Осветлението"])
    q7 = question("Q7")

    response = staff_client.post(
        url("question_edit", questionnaire, q7.pk), question_data(q7, allow_other=None)
    )

    assert "allow_other" in response.context["form"].errors
    assert question("Q7").allow_other


def test_the_target_group_cannot_change_once_answered_but_the_dates_can(
    staff_client, questionnaire, respond
):
    respond(Q2="no")
    data = {
        "title": questionnaire.title,
        "slug": questionnaire.slug,
        "target_group": TargetGroup.BUSINESSES,
        "closes_at": "2030-06-30T18:00",
    }

    refused = staff_client.post(url("questionnaire_edit", questionnaire), data)
    accepted = staff_client.post(
        url("questionnaire_edit", questionnaire),
        {**data, "target_group": TargetGroup.CITIZENS_NGOS},
    )

    assert "target_group" in refused.context["form"].errors
    assert accepted.status_code == 302
    questionnaire.refresh_from_db()
    assert questionnaire.target_group == TargetGroup.CITIZENS_NGOS
    assert questionnaire.closes_at.year == 2030


def test_reordering_is_allowed_once_answered(staff_client, questionnaire, question, respond):
    respond(Q8="3", Q10="Нищо")

    staff_client.post(url("question_move", questionnaire, question("Q10").pk), {"direction": "up"})

    codes = [q.code for q in questionnaire.sections.get(title="Мнения").questions.all()]
    assert codes == ["Q6", "Q7", "Q8", "Q10", "Q9"]
