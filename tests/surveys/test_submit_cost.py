"""What sending the answers costs: one complete submission of a page of every kind of question
writes the response and all its answers in one statement, and nothing else but the session,
however many questions the page has (``bench/surveys_submit.py`` measures the rate through the
server)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.models import Answer, Question, Response

from .conftest import SCALE, add_question, field_name, start_answering

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# The session and the questionnaire are read from the cache and the process's memory. One
# statement writes the response with its answers, then the session is saved with the attempt
# ended: each in a savepoint here, as the test runs in a transaction (none in production).
QUERIES = 6


@pytest.fixture
def one_page(questionnaire):
    """The shared questionnaire with all its questions on one page."""
    first, second = questionnaire.sections.all()
    second.questions.update(section=first)
    second.delete()
    return questionnaire


def submit_counting(client, questionnaire, data):
    """Answer the one page as a respondent does and send it: the queries of the sending."""
    key = start_answering(client, questionnaire)
    url = reverse("surveys:answer", args=[questionnaire.slug, 1])
    assert client.get(url).status_code == 200
    page = {**data, "consent": "on", "submission_key": key, "action": "submit"}
    with CaptureQueriesContext(connection) as queries:
        sent = client.post(url, page)
    assert sent.url == reverse("surveys:thanks", args=[questionnaire.slug])
    return [query["sql"] for query in queries]


def test_a_complete_submission_reads_and_writes_in_a_handful_of_queries(client, one_page, complete):
    queries = submit_counting(client, one_page, complete())

    assert len(queries) <= QUERIES, "\n".join(queries)
    writes = [sql for sql in queries if "surveys_answer" in sql or "surveys_response" in sql]
    assert len(writes) == 1
    assert 'INSERT INTO "surveys_response"' in writes[0]
    assert 'INSERT INTO "surveys_answer"' in writes[0]
    assert Answer.objects.filter(response=Response.objects.get()).count() == 10


def test_a_page_of_more_questions_takes_no_more_queries(client, one_page, complete, question):
    few = submit_counting(client, one_page, complete())
    section = question("Q1").section
    more = {}
    for number in range(11, 31):
        added = add_question(section, f"Q{number}", Question.Kind.SCALE, "Как?", choices=SCALE)
        more[field_name(added)] = "3"

    many = submit_counting(client, one_page, complete(**more))

    assert len(many) == len(few), "\n".join(many)
    assert Response.objects.latest("pk").answers.count() == 10 + 20
