"""The admin: a questionnaire's structure is edited freely until people answer it; after that it
keeps what the answers are counted by, as the builder does. Responses and answers stay read-only."""

import pytest
from django.urls import reverse

from surveys.models import Question, Response

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:surveys_{obj._meta.model_name}_change", args=[obj.pk])


def delete_url(obj):
    return reverse(f"admin:surveys_{obj._meta.model_name}_delete", args=[obj.pk])


INLINES = ["choices", "rows"]
COUNTS = ["TOTAL_FORMS", "INITIAL_FORMS"]


@pytest.fixture
def answered(questionnaire, respond):
    respond(Q6="tv", Q9={"admin": "5"})
    return questionnaire


def test_before_anyone_answers_the_admin_edits_and_deletes_questions_and_options(
    admin_client, questionnaire, question
):
    page = admin_client.get(change_url(question("Q6"))).text
    for name in ["kind", "code", "condition_question", "choices-0-code", "choices-0-value"]:
        assert f'name="{name}"' in page
    assert 'name="choices-0-DELETE"' in page
    assert admin_client.get(delete_url(question("Q10"))).status_code == 200


def test_once_answered_a_questions_kind_code_and_condition_are_read_only(
    admin_client, answered, question
):
    q3 = question("Q3")
    page = admin_client.get(change_url(q3)).text
    for name in ["kind", "code", "condition_question", "condition_choices", "text", "required"]:
        assert (f'name="{name}"' in page) == (name in {"text", "required"})
    data = {
        "section": q3.section_id,
        "text": "Нов текст",
        "help_text": "",
        "kind": Question.Kind.LONG_TEXT,
        "code": "Q99",
        "widget": "radio",
        "position": q3.position,
        **{f"{inline}-{count}": "0" for inline in INLINES for count in COUNTS},
    }
    assert admin_client.post(change_url(q3), data).status_code == 302
    q3.refresh_from_db()
    assert (q3.text, q3.kind, q3.code) == ("Нов текст", Question.Kind.SHORT_TEXT, "Q3")
    assert q3.condition_question == question("Q2")


def test_once_answered_options_keep_their_codes_and_values_and_none_is_added(
    admin_client, answered, question
):
    page = admin_client.get(change_url(question("Q8"))).text
    assert 'name="choices-0-label"' in page
    assert 'name="choices-0-code"' not in page
    assert 'name="choices-0-value"' not in page
    assert 'name="choices-0-DELETE"' not in page
    assert 'name="choices-__prefix__-label"' not in page  # no empty form to add one


def test_once_answered_no_question_or_option_is_deleted_here(admin_client, answered, question):
    assert admin_client.get(delete_url(question("Q10"))).status_code == 403
    assert 'name="choices-0-DELETE"' not in admin_client.get(change_url(question("Q6"))).text
    section_page = admin_client.get(change_url(question("Q6").section)).text
    assert 'name="questions-0-text"' in section_page
    assert 'name="questions-0-kind"' not in section_page
    assert 'name="questions-0-DELETE"' not in section_page
    questions = admin_client.get(reverse("admin:surveys_question_changelist")).text
    assert "delete_selected" not in questions


def test_once_answered_the_questionnaire_keeps_its_address_and_target_group(admin_client, answered):
    page = admin_client.get(change_url(answered)).text
    assert 'name="slug"' not in page
    assert 'name="target_group"' not in page
    assert 'name="title"' in page


def test_responses_and_answers_are_read_only(admin_client, answered):
    response = Response.objects.get()
    assert admin_client.get(reverse("admin:surveys_response_add")).status_code == 403
    page = admin_client.get(change_url(response)).text
    assert 'name="_save"' not in page
    assert 'name="settlement"' not in page
    assert admin_client.get(reverse("admin:surveys_answer_add")).status_code == 403
