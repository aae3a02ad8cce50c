"""The answering pages as a resident on a phone finds them: a question asked only after an answer
on the same page appears only then (a small script of ours; the server's rule stays), a matrix is
one line of buttons per statement, and question codes are left to staff."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test.html import parse_html
from django.urls import reverse

from surveys.models import Question

from .conftest import add_question, field_name, start_answering
from .page_parsing import elements, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Kind = Question.Kind
SCRIPT = "js/conditions.js"


@pytest.fixture
def answering(client, questionnaire):
    """A respondent who has begun: the key of the attempt."""
    return start_answering(client, questionnaire)


def attrs(element):
    return dict(element.attributes)


def by_id(page, element_id):
    return next(
        e for e, _ancestors in elements(parse_html(page.text)) if attrs(e).get("id") == element_id
    )


def classes(element):
    return attrs(element).get("class", "").split()


def test_a_question_asked_after_an_answer_on_the_same_page_carries_what_the_script_needs(
    client, step_url, answering, question
):
    q2, q3 = question("Q2"), question("Q3")
    page = client.get(step_url(1))
    shown_if = attrs(by_id(page, f"question-{q3.pk}"))
    assert shown_if["data-shown-if"] == field_name(q2)
    assert shown_if["data-shown-if-values"] == '["yes"]'
    # …the name and the value the script compares are those of Q2's radio buttons
    assert f'name="{field_name(q2)}" value="yes"' in page.text
    assert "data-shown-if" not in attrs(by_id(page, f"question-{q2.pk}"))


def test_the_conditions_script_exists_is_loaded_and_is_the_pages_only_kind_of_script(
    client, step_url, answering
):
    script = finders.find(SCRIPT)
    assert script, SCRIPT
    with open(script, encoding="utf-8") as source:
        code = source.read()
    assert "dataset.shownIf" in code and "dataset.shownIfValues" in code
    assert ".hidden =" in code and "eval(" not in code
    page = client.get(step_url(1))
    assert f'<script src="/static/{SCRIPT}" defer></script>' in page.text
    # No inline script (the CSP allows script files of our own only).
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", page.text)


def test_a_conditional_questions_required_mark_is_inside_what_the_script_hides(
    client, step_url, answering, question, first_page
):
    q3 = question("Q3")
    Question.objects.filter(pk=q3.pk).update(required=True)
    page = client.get(step_url(1))
    fieldset = by_id(page, f"question-{q3.pk}")
    legend = text_of(next(c for c in fieldset.children if getattr(c, "name", "") == "legend"))
    assert "*" in legend and "(required)" in legend
    # The server asks for it only when it is shown: after "no" it is not asked …
    no = client.post(step_url(1), {**first_page, "submission_key": answering, "action": "next"})
    assert no.url == step_url(2)
    # … after "yes" it is.
    yes = {**first_page, field_name(question("Q2")): "yes"}
    page = client.post(step_url(1), {**yes, "submission_key": answering, "action": "next"})
    assert page.status_code == 200
    assert f'aria-describedby="question-{q3.pk}-condition question-{q3.pk}-error"' in page.text


def test_a_condition_decided_on_an_earlier_page_leaves_nothing_for_the_script(
    client, questionnaire, step_url, answering, question, first_page
):
    views = questionnaire.sections.get(position=1)
    q11 = add_question(views, "Q11", Kind.SHORT_TEXT, "Какво обсъждахте?", required=False)
    q11.condition_question = question("Q2")
    q11.save()
    q11.condition_choices.set(question("Q2").choices.filter(code="yes"))
    yes = {**first_page, field_name(question("Q2")): "yes"}
    client.post(step_url(1), {**yes, "submission_key": answering, "action": "next"})
    page = client.get(step_url(2))
    assert f'id="question-{q11.pk}"' in page.text
    assert "data-shown-if" not in page.text
    assert f'id="question-{q11.pk}-condition"' not in page.text


def test_the_respondents_pages_show_no_question_codes(
    client, step_url, answering, question, first_page
):
    empty = client.post(step_url(1), {"submission_key": answering, "action": "next"})
    assert "Some answers need your attention" in empty.text
    client.post(step_url(1), {**first_page, "submission_key": answering, "action": "next"})
    for page in (empty, client.get(step_url(1)), client.get(step_url(2))):
        assert not re.search(r"\bQ\d+\b", page.text)
    condition = text_of(by_id(client.get(step_url(1)), f"question-{question('Q3').pk}-condition"))
    assert condition == (
        "Answer only if you answered „Да“ to “Участвали ли сте в обществено обсъждане?”."
    )


def test_staff_screens_keep_the_question_codes(client, staff, questionnaire, question):
    client.force_login(staff)
    entry = client.get(reverse("surveys:entry", args=[questionnaire.slug]))
    assert '<span class="text-secondary">Q1.</span>' in entry.text
    assert "Answer only if your answer to Q2 was „Да“." in entry.text
    preview = client.get(reverse("surveys:preview", args=[questionnaire.slug]))
    assert '<span class="text-secondary">Q9.</span>' in preview.text


def test_a_matrix_is_one_line_of_buttons_per_statement_with_its_scale_once(
    client, step_url, answering, question, first_page
):
    client.post(step_url(1), {**first_page, "submission_key": answering, "action": "next"})
    page = client.get(step_url(2))
    matrix = question("Q9")
    rows, labels = list(matrix.rows.all()), [c.label for c in matrix.choices.all()]
    fieldset = by_id(page, f"question-{matrix.pk}")
    found = list(elements(fieldset))
    (scale,) = [e for e, _a in found if "survey-matrix-scale" in classes(e)]
    assert attrs(scale)["aria-hidden"] == "true"
    assert [text_of(span) for span in scale.children if getattr(span, "name", "")] == labels
    lines = [e for e, _a in found if "survey-matrix-row" in classes(e)]
    assert [text_of(line.children[0]) for line in lines] == [row.label for row in rows]
    for line, row in zip(lines, rows, strict=True):
        radios = [e for e, _a in elements(line) if e.name == "input"]
        assert [attrs(r)["name"] for r in radios] == [field_name(matrix, f"_{row.pk}")] * len(
            labels
        )
        # Each button is labelled by its answer, for screen readers.
        buttons = [e for e, _a in elements(line) if e.name == "label"]
        assert [text_of(b) for b in buttons] == labels
    # No card per answer: 2 statements × 5 answers made ten boxes on a phone.
    assert not [e for e, _a in found if "border" in classes(e) and "rounded" in classes(e)]
