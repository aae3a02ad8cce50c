"""Answering: each question type's validation, and conditions on the server."""

from dataclasses import asdict
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from ivanovo_portal.places.models import Settlement
from surveys.forms.answering import build_section_form
from surveys.forms.question_fields import LONG_TEXT_LENGTH, OTHER, SHORT_TEXT_LENGTH
from surveys.models import Choice, MatrixRow, Question
from surveys.selectors import load_sections

from .conftest import collect, field_name

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def sections(questionnaire):
    return load_sections(questionnaire)


def answers_of(collected):
    """The answers collected, with their question, option and row as objects (they carry ids)."""

    def get(model, pk):
        return model.objects.get(pk=pk) if pk is not None else None

    return [
        SimpleNamespace(
            **asdict(answer),
            question=get(Question, answer.question_id),
            choice=get(Choice, answer.choice_id),
            row=get(MatrixRow, answer.row_id),
        )
        for answer in collected.answers
    ]


def errors_of(collected, question):
    for form in collected.forms:
        for item in form.items:
            if item.question.pk == question.pk:
                return item.errors
    return None


def test_complete_answers_become_one_row_per_value(questionnaire, complete, question):
    collected = collect(questionnaire, complete())
    assert collected.is_valid
    by_code = {}
    for answer in answers_of(collected):
        by_code.setdefault(answer.question.code, []).append(answer)
    assert by_code["Q1"][0].settlement_id == Settlement.objects.get(name="Красен").pk
    assert [a.choice.code for a in by_code["Q7"]] == ["roads", "water"]
    assert by_code["Q8"][0].number == Decimal(4)
    assert len(by_code["Q9"]) == 2
    assert all(a.row and a.number == Decimal(3) for a in by_code["Q9"])
    assert by_code["Q4"][0].number == Decimal(42)


def test_an_empty_submit_gives_a_message_by_every_required_question(questionnaire, question):
    collected = collect(questionnaire, {})
    assert not collected.is_valid
    assert errors_of(collected, question("Q1")) == ["Please answer this question."]
    assert errors_of(collected, question("Q7")) == ["Tick at least one option."]
    assert errors_of(collected, question("Q9")) == ["Choose an answer in every row."]
    assert errors_of(collected, question("Q5")) == []  # not required
    assert collected.first_invalid == 0


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("15", "Enter a number from 16 to 110."),
        ("111", "Enter a number from 16 to 110."),
        ("сорок", "Enter a number, for example 42."),
    ],
)
def test_a_number_out_of_bounds_or_not_a_number_is_refused(
    questionnaire, complete, question, value, message
):
    collected = collect(questionnaire, complete(**{field_name(question("Q4")): value}))
    assert errors_of(collected, question("Q4")) == [message]


def test_a_number_may_use_a_decimal_comma(questionnaire, complete, question):
    collected = collect(questionnaire, complete(**{field_name(question("Q4")): "42,5"}))
    assert collected.is_valid
    assert next(a.number for a in answers_of(collected) if a.question.code == "Q4") == Decimal(
        "42.5"
    )


def test_a_date_that_is_not_a_date_is_refused(questionnaire, complete, question):
    collected = collect(questionnaire, complete(**{field_name(question("Q5")): "2023-02-30"}))
    assert errors_of(collected, question("Q5")) == ["Enter a real date, for example 31.12.2023."]


def test_a_date_is_accepted_as_the_browser_or_a_person_writes_it(questionnaire, complete, question):
    for typed in ["2023-03-15", "15.03.2023"]:
        collected = collect(questionnaire, complete(**{field_name(question("Q5")): typed}))
        assert collected.is_valid
        assert next(a.date for a in answers_of(collected) if a.question.code == "Q5") == date(
            2023, 3, 15
        )


def test_an_unknown_choice_is_refused(questionnaire, complete, question):
    collected = collect(questionnaire, complete(**{field_name(question("Q6")): "radio"}))
    assert errors_of(collected, question("Q6")) == ["Choose one of the options offered."]
    collected = collect(questionnaire, complete(**{field_name(question("Q1")): "999999"}))
    assert errors_of(collected, question("Q1")) == ["Choose one of the options offered."]


def test_other_ticked_without_text_is_refused(questionnaire, complete, question):
    collected = collect(questionnaire, complete(**{field_name(question("Q7")): ["roads", OTHER]}))
    assert errors_of(collected, question("Q7")) == [
        "You chose “Other”: please write what you mean."
    ]


def test_other_with_text_is_an_answer_without_an_option(questionnaire, complete, question):
    q6 = question("Q6")
    collected = collect(
        questionnaire, complete(**{field_name(q6): OTHER, field_name(q6, "_other"): "Фейсбук"})
    )
    assert collected.is_valid
    (answer,) = [a for a in answers_of(collected) if a.question.code == "Q6"]
    assert answer.choice is None
    assert answer.other_text == "Фейсбук"


def test_a_matrix_needs_every_row_when_required(questionnaire, complete, question):
    matrix = question("Q9")
    first_row = matrix.rows.first()
    collected = collect(questionnaire, complete(**{field_name(matrix, f"_{first_row.pk}"): ""}))
    assert errors_of(collected, matrix) == ["Choose an answer in every row."]


def test_a_scale_point_outside_the_scale_is_refused(questionnaire, complete, question):
    collected = collect(questionnaire, complete(**{field_name(question("Q8")): "9"}))
    assert errors_of(collected, question("Q8")) == ["Choose one of the options offered."]


def test_a_question_whose_condition_is_not_met_is_not_required_and_its_value_is_dropped(
    questionnaire, complete, question
):
    collected = collect(
        questionnaire,
        complete(**{field_name(question("Q2")): "no", field_name(question("Q3")): "Нещо тайно"}),
    )
    assert collected.is_valid
    assert "Q3" not in {a.question.code for a in answers_of(collected)}


def test_a_question_whose_condition_is_met_is_recorded(questionnaire, complete, question):
    collected = collect(questionnaire, complete())
    assert "Бюджетът" in [a.text for a in answers_of(collected) if a.question.code == "Q3"]


def test_a_condition_from_an_earlier_section_hides_the_question(questionnaire, sections, question):
    # Move Q3 to the second section: the first section's answer now decides whether it shows.
    q3 = question("Q3")
    q3.section = sections[1]
    q3.required = True
    q3.save()
    sections = load_sections(questionnaire)
    q2 = question("Q2")
    yes = {q2.pk: {q2.choices.get(code="yes").pk}}
    no = {q2.pk: {q2.choices.get(code="no").pk}}
    shown = build_section_form(sections[1], answers_so_far=yes)
    hidden = build_section_form(sections[1], {field_name(q3): "sent anyway"}, answers_so_far=no)
    assert q3.pk in [item.question.pk for item in shown.items]
    assert q3.pk not in [item.question.pk for item in hidden.items]
    hidden.is_valid()
    assert field_name(q3) not in hidden.fields
    assert field_name(q3) not in hidden.cleaned_data


def test_the_preview_shows_every_question_with_its_condition_in_words(sections):
    form = build_section_form(sections[0])
    q3 = next(item for item in form.items if item.question.code == "Q3")
    assert q3.condition == "Answer only if your answer to Q2 was „Да“."


# Texts


@pytest.fixture
def required_texts(question):
    """Q3 (short text, asked after “yes” to Q2) and Q10 (long text), both required."""
    Question.objects.filter(pk__in=[question("Q3").pk, question("Q10").pk]).update(required=True)
    return question("Q3"), question("Q10")


@pytest.mark.parametrize("typed", ["", "   \n  "])
def test_a_required_text_left_empty_or_blank_is_refused(
    questionnaire, complete, required_texts, typed
):
    short, long = required_texts
    collected = collect(
        questionnaire, complete(**{field_name(short): typed, field_name(long): typed})
    )
    assert errors_of(collected, short) == ["Please answer this question."]
    assert errors_of(collected, long) == ["Please answer this question."]


@pytest.mark.parametrize(("code", "limit"), [("Q3", SHORT_TEXT_LENGTH), ("Q10", LONG_TEXT_LENGTH)])
def test_a_text_longer_than_its_limit_is_refused_and_one_at_the_limit_kept_whole(
    questionnaire, complete, question, code, limit
):
    text = question(code)
    too_long = collect(questionnaire, complete(**{field_name(text): "я" * (limit + 1)}))
    assert errors_of(too_long, text) == [
        f"Ensure this value has at most {limit} characters (it has {limit + 1})."
    ]
    at_limit = collect(questionnaire, complete(**{field_name(text): "я" * limit}))
    assert at_limit.is_valid
    assert [a.text for a in answers_of(at_limit) if a.question == text] == ["я" * limit]


def test_a_long_text_keeps_its_lines_without_the_spaces_around_it(
    questionnaire, complete, question
):
    q10 = question("Q10")
    collected = collect(questionnaire, complete(**{field_name(q10): "  Първо.\nВторо.  "}))
    assert [a.text for a in answers_of(collected) if a.question == q10] == ["Първо.\nВторо."]


def test_a_text_in_error_is_kept_as_typed_in_the_form(questionnaire, complete, question):
    q10 = question("Q10")
    typed = "Пътят до Красен " * 400
    collected = collect(questionnaire, complete(**{field_name(q10): typed}))
    (item,) = [i for form in collected.forms for i in form.items if i.question == q10]
    assert item.errors
    assert item.field.value() == typed


# Drop-down lists


@pytest.fixture
def drop_down(question):
    def shown_as_list(code):
        single = question(code)
        single.widget = Question.Widget.SELECT
        single.save()
        return single

    return shown_as_list


@pytest.mark.parametrize("code", ["Q6", "Q2"])
def test_a_choice_shown_as_a_drop_down_is_one_list_with_nothing_chosen_first(
    questionnaire, drop_down, code
):
    single = drop_down(code)
    section = load_sections(questionnaire)[single.section.position]
    item = next(i for i in build_section_form(section).items if i.question == single)
    html = item.input
    assert html.startswith(f'<select name="q{single.pk}"')
    assert f'aria-labelledby="question-{single.pk}-legend"' in html
    assert '<option value="" selected>— choose —</option>' in html
    assert html.count("<option") == single.choices.count() + 1 + single.allow_other


def test_a_drop_down_single_choice_records_the_option_and_refuses_others(
    questionnaire, complete, drop_down
):
    q6 = drop_down("Q6")
    chosen = collect(questionnaire, complete(**{field_name(q6): "mayor"}))
    assert [a.choice.code for a in answers_of(chosen) if a.question == q6] == ["mayor"]
    assert errors_of(collect(questionnaire, complete(**{field_name(q6): ""})), q6) == [
        "Please answer this question."
    ]
    assert errors_of(collect(questionnaire, complete(**{field_name(q6): "radio"})), q6) == [
        "Choose one of the options offered."
    ]


def test_a_drop_down_yes_no_records_the_answer(questionnaire, complete, drop_down):
    q2 = drop_down("Q2")
    collected = collect(questionnaire, complete(**{field_name(q2): "no"}))
    assert [a.choice.code for a in answers_of(collected) if a.question == q2] == ["no"]


# “Other, please specify”


def test_words_beside_other_with_another_option_chosen_are_not_dropped_but_asked_about(
    questionnaire, complete, question
):
    q6 = question("Q6")
    collected = collect(
        questionnaire, complete(**{field_name(q6): "tv", field_name(q6, "_other"): "Фейсбук"})
    )
    assert errors_of(collected, q6) == [
        "You wrote beside “Other” but chose another answer: choose “Other”, or clear the text."
    ]
    (item,) = [i for form in collected.forms for i in form.items if i.question == q6]
    assert item.other.value() == "Фейсбук"
    assert item.anchor == f"id_q{q6.pk}_other"


def test_words_beside_other_with_nothing_chosen_are_the_other_answer(
    questionnaire, complete, question
):
    q6 = question("Q6")
    collected = collect(
        questionnaire, complete(**{field_name(q6): "", field_name(q6, "_other"): "Фейсбук"})
    )
    assert [(a.choice, a.other_text) for a in answers_of(collected) if a.question == q6] == [
        (None, "Фейсбук")
    ]


def test_words_beside_other_with_options_ticked_are_one_more_answer(
    questionnaire, complete, question
):
    q7 = question("Q7")
    collected = collect(
        questionnaire,
        complete(**{field_name(q7): ["roads"], field_name(q7, "_other"): "Читалището"}),
    )
    answers = [(a.choice and a.choice.code, a.other_text) for a in answers_of(collected)]
    assert ("roads", "") in answers and (None, "Читалището") in answers
