"""Answering: each question type's validation, conditions on the server, recording a response."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone, translation

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused
from surveys.forms.answering import build_section_form, collect_answers
from surveys.forms.question_fields import LONG_TEXT_LENGTH, OTHER, SHORT_TEXT_LENGTH
from surveys.models import Answer, Channel, Question, Questionnaire, Response
from surveys.selectors import load_sections
from surveys.services import responses

from .conftest import at_once

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Pages and messages in English, as the code writes them."""
    with translation.override("en"):
        yield


def name(question, suffix=""):
    return f"q{question.pk}{suffix}"


@pytest.fixture
def sections(questionnaire):
    return load_sections(questionnaire)


@pytest.fixture
def complete(question):
    """Data that answers every required question of the shared questionnaire."""

    def build(**changes):
        matrix = question("Q9")
        data = {
            name(question("Q1")): str(Settlement.objects.get(name="Красен").pk),
            name(question("Q2")): "yes",
            name(question("Q3")): "Бюджетът",
            name(question("Q4")): "42",
            name(question("Q6")): "site",
            name(question("Q7")): ["roads", "water"],
            name(question("Q8")): "4",
            **{name(matrix, f"_{row.pk}"): "3" for row in matrix.rows.all()},
        }
        data.update(changes)
        return data

    return build


def errors_of(collected, question):
    for form in collected.forms:
        for item in form.items:
            if item.question.pk == question.pk:
                return item.errors
    return None


def collect(questionnaire, data):
    from django.utils.datastructures import MultiValueDict

    return collect_answers(
        questionnaire,
        MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in data.items()}),
    )


def test_complete_answers_become_one_row_per_value(questionnaire, complete, question):
    collected = collect(questionnaire, complete())
    assert collected.is_valid
    by_code = {}
    for answer in collected.answers:
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
    collected = collect(questionnaire, complete(**{name(question("Q4")): value}))
    assert errors_of(collected, question("Q4")) == [message]


def test_a_number_may_use_a_decimal_comma(questionnaire, complete, question):
    collected = collect(questionnaire, complete(**{name(question("Q4")): "42,5"}))
    assert collected.is_valid
    assert next(a.number for a in collected.answers if a.question.code == "Q4") == Decimal("42.5")


def test_a_date_that_is_not_a_date_is_refused(questionnaire, complete, question):
    collected = collect(questionnaire, complete(**{name(question("Q5")): "2023-02-30"}))
    assert errors_of(collected, question("Q5")) == ["Enter a real date, for example 31.12.2023."]


def test_a_date_is_accepted_as_the_browser_or_a_person_writes_it(questionnaire, complete, question):
    for typed in ["2023-03-15", "15.03.2023"]:
        collected = collect(questionnaire, complete(**{name(question("Q5")): typed}))
        assert collected.is_valid
        assert next(a.date for a in collected.answers if a.question.code == "Q5") == date(
            2023, 3, 15
        )


def test_an_unknown_choice_is_refused(questionnaire, complete, question):
    collected = collect(questionnaire, complete(**{name(question("Q6")): "radio"}))
    assert errors_of(collected, question("Q6")) == ["Choose one of the options offered."]
    collected = collect(questionnaire, complete(**{name(question("Q1")): "999999"}))
    assert errors_of(collected, question("Q1")) == ["Choose one of the options offered."]


def test_other_ticked_without_text_is_refused(questionnaire, complete, question):
    collected = collect(questionnaire, complete(**{name(question("Q7")): ["roads", OTHER]}))
    assert errors_of(collected, question("Q7")) == [
        "You chose “Other”: please write what you mean."
    ]


def test_other_with_text_is_an_answer_without_an_option(questionnaire, complete, question):
    q6 = question("Q6")
    collected = collect(questionnaire, complete(**{name(q6): OTHER, name(q6, "_other"): "Фейсбук"}))
    assert collected.is_valid
    (answer,) = [a for a in collected.answers if a.question.code == "Q6"]
    assert answer.choice is None
    assert answer.other_text == "Фейсбук"


def test_a_matrix_needs_every_row_when_required(questionnaire, complete, question):
    matrix = question("Q9")
    first_row = matrix.rows.first()
    collected = collect(questionnaire, complete(**{name(matrix, f"_{first_row.pk}"): ""}))
    assert errors_of(collected, matrix) == ["Choose an answer in every row."]


def test_a_scale_point_outside_the_scale_is_refused(questionnaire, complete, question):
    collected = collect(questionnaire, complete(**{name(question("Q8")): "9"}))
    assert errors_of(collected, question("Q8")) == ["Choose one of the options offered."]


def test_a_question_whose_condition_is_not_met_is_not_required_and_its_value_is_dropped(
    questionnaire, complete, question
):
    collected = collect(
        questionnaire,
        complete(**{name(question("Q2")): "no", name(question("Q3")): "Нещо тайно"}),
    )
    assert collected.is_valid
    assert "Q3" not in {a.question.code for a in collected.answers}


def test_a_question_whose_condition_is_met_is_recorded(questionnaire, complete, question):
    collected = collect(questionnaire, complete())
    assert "Бюджетът" in [a.text for a in collected.answers if a.question.code == "Q3"]


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
    hidden = build_section_form(sections[1], {name(q3): "sent anyway"}, answers_so_far=no)
    assert q3.pk in [item.question.pk for item in shown.items]
    assert q3.pk not in [item.question.pk for item in hidden.items]
    hidden.is_valid()
    assert name(q3) not in hidden.fields
    assert name(q3) not in hidden.cleaned_data


def test_the_preview_shows_every_question_with_its_condition_in_words(sections):
    form = build_section_form(sections[0])
    q3 = next(item for item in form.items if item.question.code == "Q3")
    assert q3.condition == "Answer only if your answer to Q2 was „Да“."


# Recording


def submit(questionnaire, answers=(), **kwargs):
    kwargs.setdefault("channel", Channel.ONLINE)
    kwargs.setdefault("submission_key", uuid.uuid4())
    return responses.submit_response(questionnaire, list(answers), **kwargs)


def test_a_response_is_recorded_with_its_answers_and_settlement(questionnaire, complete):
    collected = collect(questionnaire, complete())
    response, created = submit(questionnaire, collected.answers, consented=True)
    assert created
    assert response.answers.count() == len(collected.answers)
    assert response.settlement.name == "Красен"
    assert response.consented
    assert response.entered_by is None


def test_the_same_submission_key_twice_records_one_response(questionnaire, complete):
    key = uuid.uuid4()
    first, created = submit(
        questionnaire, collect(questionnaire, complete()).answers, submission_key=key
    )
    again, created_again = submit(
        questionnaire, collect(questionnaire, complete()).answers, submission_key=key
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert Response.objects.count() == 1
    assert Answer.objects.filter(response=first).count() == len(
        collect(questionnaire, complete()).answers
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_submits_with_one_key_record_one_response(questionnaire, complete):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks")
    key = uuid.uuid4()

    def send():
        answers = collect(questionnaire, complete()).answers
        return submit(questionnaire, answers, submission_key=key)[1]

    outcomes = at_once(send)
    assert sorted(outcomes) == [False, True]
    assert Response.objects.filter(submission_key=key).count() == 1


def test_a_closed_questionnaire_refuses_online_answers_and_says_so(questionnaire):
    questionnaire.status = Questionnaire.Status.CLOSED
    questionnaire.save()
    with pytest.raises(Refused, match="closed"):
        submit(questionnaire)
    assert not Response.objects.exists()


def test_a_questionnaire_not_yet_open_refuses_and_says_so(questionnaire):
    questionnaire.opens_at = timezone.now() + timedelta(days=2)
    questionnaire.save()
    with pytest.raises(Refused, match="not open yet"):
        submit(questionnaire)


def test_a_questionnaire_past_its_closing_time_refuses(questionnaire):
    questionnaire.closes_at = timezone.now() - timedelta(minutes=1)
    questionnaire.save()
    with pytest.raises(Refused, match="closed"):
        submit(questionnaire)


def test_a_draft_refuses_even_paper(questionnaire, staff):
    questionnaire.status = Questionnaire.Status.DRAFT
    questionnaire.save()
    with pytest.raises(Refused, match="not published"):
        submit(questionnaire, channel=Channel.PAPER, form_number="1", entered_by=staff)


# Every field a response has, and the links to it: none says who answered or from where. A new
# one must be added here, by someone who has asked whether it could identify a respondent.
RESPONSE_FIELDS = {
    "id",
    "questionnaire",
    "settlement",
    "channel",
    "submission_key",
    "form_number",
    "entered_by",  # the staff member who typed a paper form, never online
    "consented",
    "consent_version",
    "submitted_at",
    "filled_on",
    "outside_conditions",
    "suspect",
    "discarded_at",
    "discarded_by",
    "discard_reason",
    "answers",
}


def test_the_response_keeps_no_address_no_account_and_no_browser():
    assert {f.name for f in Response._meta.get_fields()} == RESPONSE_FIELDS


def test_an_online_response_links_no_user_even_when_one_is_given(questionnaire, resident):
    response, _ = submit(questionnaire, entered_by=resident)
    assert response.entered_by is None


def test_the_public_pages_read_a_questionnaire_once_in_a_while(
    questionnaire, django_assert_num_queries
):
    from surveys.selectors import cached_sections, forget_sections

    def first_title():
        return cached_sections(questionnaire)[0][0].title

    forget_sections(questionnaire)
    title = first_title()
    questionnaire.sections.filter(title=title).update(title="Ново")
    with django_assert_num_queries(0):
        assert first_title() == title
    forget_sections(questionnaire)
    assert first_title() == "Ново"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_option_deleted_while_someone_answers_gives_a_message_not_an_error(
    questionnaire, complete, question
):
    # Foreign keys are checked when the transaction commits: this test commits.
    answers = collect(questionnaire, complete(**{name(question("Q6")): "tv"})).answers
    question("Q6").choices.filter(code="tv").delete()
    with pytest.raises(Refused, match="changed while you answered"):
        submit(questionnaire, answers)
    assert not Response.objects.exists()


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
    collected = collect(questionnaire, complete(**{name(short): typed, name(long): typed}))
    assert errors_of(collected, short) == ["Please answer this question."]
    assert errors_of(collected, long) == ["Please answer this question."]


@pytest.mark.parametrize(("code", "limit"), [("Q3", SHORT_TEXT_LENGTH), ("Q10", LONG_TEXT_LENGTH)])
def test_a_text_longer_than_its_limit_is_refused_and_one_at_the_limit_kept_whole(
    questionnaire, complete, question, code, limit
):
    text = question(code)
    too_long = collect(questionnaire, complete(**{name(text): "я" * (limit + 1)}))
    assert errors_of(too_long, text) == [
        f"Ensure this value has at most {limit} characters (it has {limit + 1})."
    ]
    at_limit = collect(questionnaire, complete(**{name(text): "я" * limit}))
    assert at_limit.is_valid
    assert [a.text for a in at_limit.answers if a.question == text] == ["я" * limit]


def test_a_long_text_keeps_its_lines_without_the_spaces_around_it(
    questionnaire, complete, question
):
    q10 = question("Q10")
    collected = collect(questionnaire, complete(**{name(q10): "  Първо.\nВторо.  "}))
    assert [a.text for a in collected.answers if a.question == q10] == ["Първо.\nВторо."]


def test_a_text_in_error_is_kept_as_typed_in_the_form(questionnaire, complete, question):
    q10 = question("Q10")
    typed = "Пътят до Красен " * 400
    collected = collect(questionnaire, complete(**{name(q10): typed}))
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
    chosen = collect(questionnaire, complete(**{name(q6): "mayor"}))
    assert [a.choice.code for a in chosen.answers if a.question == q6] == ["mayor"]
    assert errors_of(collect(questionnaire, complete(**{name(q6): ""})), q6) == [
        "Please answer this question."
    ]
    assert errors_of(collect(questionnaire, complete(**{name(q6): "radio"})), q6) == [
        "Choose one of the options offered."
    ]


def test_a_drop_down_yes_no_records_the_answer(questionnaire, complete, drop_down):
    q2 = drop_down("Q2")
    collected = collect(questionnaire, complete(**{name(q2): "no"}))
    assert [a.choice.code for a in collected.answers if a.question == q2] == ["no"]


# “Other, please specify”


def test_words_beside_other_with_another_option_chosen_are_not_dropped_but_asked_about(
    questionnaire, complete, question
):
    q6 = question("Q6")
    collected = collect(questionnaire, complete(**{name(q6): "tv", name(q6, "_other"): "Фейсбук"}))
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
    collected = collect(questionnaire, complete(**{name(q6): "", name(q6, "_other"): "Фейсбук"}))
    assert [(a.choice, a.other_text) for a in collected.answers if a.question == q6] == [
        (None, "Фейсбук")
    ]


def test_words_beside_other_with_options_ticked_are_one_more_answer(
    questionnaire, complete, question
):
    q7 = question("Q7")
    collected = collect(
        questionnaire, complete(**{name(q7): ["roads"], name(q7, "_other"): "Читалището"})
    )
    answers = [(a.choice and a.choice.code, a.other_text) for a in collected.answers]
    assert ("roads", "") in answers and (None, "Читалището") in answers
