"""Going back after sending: a page of answers already recorded, opened or sent again, says that
they were recorded (with the results or the survey list to go on to), never shows an empty form
in red, and records nothing twice."""

import re

import pytest
from django.urls import reverse

from surveys.models import Questionnaire, Response

from .conftest import start_answering

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ALREADY = "Your answers have already been recorded"
IN_RED = "Some answers need your attention"


@pytest.fixture
def again_url(questionnaire):
    return reverse("surveys:thanks", args=[questionnaire.slug]) + "?again=1"


@pytest.fixture
def pages(first_page, second_page):
    return first_page, second_page


@pytest.fixture
def sent(client, questionnaire, step_url, pages):
    """Answer both pages and send them: the key of the recorded response."""
    key = start_answering(client, questionnaire)
    first, second = pages
    client.post(step_url(1), {**first, "submission_key": key, "action": "next"})
    done = client.post(step_url(2), {**second, "submission_key": key, "action": "submit"})
    assert done.url == reverse("surveys:thanks", args=[questionnaire.slug])
    return key


def test_the_last_page_sent_again_with_its_key_says_the_answers_were_recorded(
    client, step_url, pages, sent, again_url
):
    again = client.post(step_url(2), {**pages[1], "submission_key": sent, "action": "submit"})
    assert again.url == again_url
    page = client.get(again.url)
    assert ALREADY in page.text
    assert IN_RED not in page.text
    assert Response.objects.count() == 1


def test_an_earlier_page_of_the_sent_answers_sent_again_says_they_were_recorded(
    client, questionnaire, step_url, pages, sent, again_url
):
    for action in ("next", "back"):
        again = client.post(step_url(1), {**pages[0], "submission_key": sent, "action": action})
        assert again.url == again_url
    assert str(questionnaire.pk) not in client.session.get("survey_attempts", {})
    assert Response.objects.count() == 1


def test_the_last_page_sent_again_emptied_by_the_browser_says_the_answers_were_recorded(
    client, step_url, sent, again_url
):
    again = client.post(step_url(2), {"submission_key": sent, "action": "submit"})
    assert again.url == again_url
    assert Response.objects.count() == 1


def test_a_page_opened_again_with_back_says_the_answers_were_recorded_not_an_empty_form(
    client, step_url, sent, again_url
):
    for step in (2, 1):
        reopened = client.get(step_url(step))
        assert reopened.url == again_url
    assert Response.objects.count() == 1


def test_the_page_that_says_so_offers_the_survey_list_and_the_results_once_published(
    client, questionnaire, sent, again_url
):
    page = client.get(again_url)
    assert f'href="{reverse("surveys:index")}"' in page.text
    results = reverse("surveys:public_results", args=[questionnaire.slug])
    assert results not in page.text
    Questionnaire.objects.filter(pk=questionnaire.pk).update(results_published=True)
    assert f'href="{results}"' in client.get(again_url).text


def test_the_answers_sent_again_from_another_session_say_they_were_recorded(
    client, step_url, pages, sent, again_url
):
    client.cookies.clear()  # the session expired, or the page was kept in another browser
    for data in (pages[1], {}):
        again = client.post(step_url(2), {**data, "submission_key": sent, "action": "submit"})
        assert again.url == again_url
    assert Response.objects.count() == 1


def test_a_one_page_questionnaire_sent_again_full_or_emptied_says_it_was_recorded(
    client, questionnaire, pages
):
    first, second = questionnaire.sections.all()
    second.questions.update(section=first)
    second.delete()
    client.get(reverse("surveys:answer", args=[questionnaire.slug]))
    key = client.session["survey_attempts"][str(questionnaire.pk)]["key"]
    page = reverse("surveys:answer", args=[questionnaire.slug, 1])
    answers = {**pages[0], **pages[1], "submission_key": key, "action": "submit"}
    thanks = reverse("surveys:thanks", args=[questionnaire.slug])
    assert client.post(page, answers).url == thanks
    assert client.post(page, answers).url == f"{thanks}?again=1"
    client.cookies.clear()  # no session to tell: the key alone does
    assert client.post(page, answers).url == f"{thanks}?again=1"
    emptied = {"submission_key": key, "action": "submit"}
    assert client.post(page, emptied).url == f"{thanks}?again=1"
    assert Response.objects.count() == 1


def test_someone_else_on_the_same_phone_may_start_a_new_response(
    client, questionnaire, step_url, pages, sent
):
    detail = client.get(questionnaire.get_absolute_url())
    assert "Your answers from this browser have been recorded" in detail.text
    assert "Start a new response" in detail.text
    client.get(reverse("surveys:answer", args=[questionnaire.slug]))
    key = client.session["survey_attempts"][str(questionnaire.pk)]["key"]
    assert key != sent
    assert "Section 1 of 2" in client.get(step_url(1)).text
    first, second = pages
    client.post(step_url(1), {**first, "submission_key": key, "action": "next"})
    client.post(step_url(2), {**second, "submission_key": key, "action": "submit"})
    assert Response.objects.count() == 2


def test_pages_lost_with_the_session_are_asked_for_again_not_marked_wrong(
    client, questionnaire, step_url, pages, question
):
    key = start_answering(client, questionnaire)
    first, second = pages
    client.post(step_url(1), {**first, "submission_key": key, "action": "next"})
    client.cookies.clear()  # the session is lost while page 2 is open

    back_to_one = client.post(step_url(2), {**second, "submission_key": key, "action": "submit"})
    assert back_to_one.url == step_url(1)
    page_one = client.get(step_url(1))
    assert "your answers to them did not reach us" in page_one.text
    assert IN_RED not in page_one.text
    assert "Please answer this question." not in page_one.text

    client.post(step_url(1), {**first, "submission_key": key, "action": "next"})
    assert re.search(r'value="mayor"[^>]* checked', client.get(step_url(2)).text)  # kept
    done = client.post(step_url(2), {**second, "submission_key": key, "action": "submit"})
    assert done.url == reverse("surveys:thanks", args=[questionnaire.slug])
    response = Response.objects.get()
    assert response.answers.filter(question=question("Q6"), choice__code="mayor").exists()
