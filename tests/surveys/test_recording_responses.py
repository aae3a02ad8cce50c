"""Recording a response: once per submission key even when sent twice at once, only while the
questionnaire is open, and with nothing that says who answered."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ivanovo_portal.pagecache import tables as page_tables
from ivanovo_portal.refusals import Refused
from surveys import selectors
from surveys.models import Answer, Channel, Questionnaire, Response
from surveys.services import responses

from .conftest import at_once, collect, field_name, start_answering

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_response_is_written_with_its_answers_in_one_statement_that_gives_both_new_versions(
    questionnaire, complete, monkeypatch
):
    # As in production: no transaction around it, so the statement is one of its own.
    written = []
    monkeypatch.setattr(page_tables, "after_write", lambda alias, tables: written.extend(tables))
    answers = collect(questionnaire, complete()).answers
    answering = selectors.for_answering(questionnaire)

    with CaptureQueriesContext(connection) as queries:
        response, _created = submit(questionnaire, answers, answering=answering)

    assert len(queries) == 1, [query["sql"] for query in queries]
    assert sorted(written) == ["surveys_answer", "surveys_response"]
    assert response.answers.count() == len(answers)


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


def test_the_answering_pages_read_a_questionnaire_again_only_when_it_changed(
    questionnaire, django_assert_num_queries
):
    from surveys.selectors import for_answering

    def first_title():
        return for_answering(questionnaire).sections[0].title

    title = first_title()
    with django_assert_num_queries(0):
        assert first_title() == title
    # Written as the admin or a shell would, past the services: the next read sees it.
    questionnaire.sections.filter(title=title).update(title="Ново")
    assert first_title() == "Ново"


def test_the_answering_pages_see_a_questionnaire_closed_a_moment_ago(
    client, questionnaire, step_url
):
    start_answering(client, questionnaire)
    assert client.get(step_url(1)).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(step_url(1)).status_code == 200
    assert not [q for q in queries if "surveys_questionnaire" in q["sql"]], "read once, kept"

    # Written as the admin or a shell would, past the services: the next page sees it.
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.CLOSED)

    closed = client.get(step_url(1), follow=True)
    assert closed.redirect_chain[0][0] == questionnaire.get_absolute_url()
    assert "closed and takes no more answers" in closed.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_option_deleted_while_someone_answers_gives_a_message_not_an_error(
    questionnaire, complete, question
):
    # Foreign keys are checked when the transaction commits: this test commits.
    answers = collect(questionnaire, complete(**{field_name(question("Q6")): "tv"})).answers
    question("Q6").choices.filter(code="tv").delete()
    with pytest.raises(Refused, match="changed while you answered"):
        submit(questionnaire, answers)
    assert not Response.objects.exists()
