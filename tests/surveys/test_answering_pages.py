"""The public pages: the list, a questionnaire's page, answering page by page, thanks."""

from datetime import timedelta

import pytest
from django.test.html import Element
from django.urls import reverse
from django.utils import timezone

from surveys.models import AnalysisReport, Question, Questionnaire, Response

from .conftest import field_name, start_answering
from .page_parsing import parsed, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_list_shows_open_questionnaires_with_a_link_to_answer(client, questionnaire):
    response = client.get(reverse("surveys:index"))
    assert response.status_code == 200
    assert questionnaire.title in response.text
    assert questionnaire.get_absolute_url() in response.text
    assert "Expected results and progress" in response.text  # the activity overview stays


def test_the_list_leaves_out_drafts_and_shows_published_reports(client, questionnaire):
    Questionnaire.objects.create(title="Чернова", slug="chernova", target_group="businesses")
    AnalysisReport.objects.create(
        title="Доклад за гражданите", slug="doklad", status=AnalysisReport.Status.PUBLISHED
    )
    response = client.get(reverse("surveys:index"))
    assert "Чернова" not in response.text
    assert "Доклад за гражданите" in response.text


def test_the_list_announces_a_questionnaire_that_opens_later(client, questionnaire):
    opens = timezone.now() + timedelta(days=10)
    Questionnaire.objects.filter(pk=questionnaire.pk).update(opens_at=opens)

    response = client.get(reverse("surveys:index"))

    assert list(response.context["open_questionnaires"]) == []
    assert list(response.context["upcoming_questionnaires"]) == [questionnaire]
    assert "Coming soon" in response.text and "opens on" in response.text


def test_the_questionnaire_page_tells_how_long_it_is_and_shows_the_consent(client, questionnaire):
    response = client.get(questionnaire.get_absolute_url())
    assert "10 questions" in response.text
    assert questionnaire.consent_text in response.text
    assert reverse("surveys:answer", args=[questionnaire.slug]) in response.text


def test_a_closed_questionnaire_says_so_and_offers_no_form(client, questionnaire):
    questionnaire.status = Questionnaire.Status.CLOSED
    questionnaire.save()
    response = client.get(questionnaire.get_absolute_url())
    assert "closed" in response.text
    assert reverse("surveys:answer", args=[questionnaire.slug]) not in response.text
    answer = client.get(reverse("surveys:answer", args=[questionnaire.slug]), follow=True)
    assert "This questionnaire is closed" in answer.text
    assert '<form method="post" action="/surveys/' not in answer.text


def test_a_questionnaire_not_yet_open_says_so(client, questionnaire):
    questionnaire.opens_at = timezone.now() + timedelta(days=3)
    questionnaire.save()
    response = client.get(questionnaire.get_absolute_url())
    assert "not open yet" in response.text
    assert client.get(reverse("surveys:index")).context["open_questionnaires"].count() == 0


def test_a_draft_is_not_found(client, questionnaire):
    questionnaire.status = Questionnaire.Status.DRAFT
    questionnaire.save()
    assert client.get(questionnaire.get_absolute_url()).status_code == 404


def test_the_first_page_shows_progress_and_the_consent(client, questionnaire, step_url):
    start_answering(client, questionnaire)
    response = client.get(step_url(1))
    assert "Section 1 of 2" in response.text
    assert '<progress class="w-100" max="2" value="1"' in response.text
    assert 'name="consent"' in response.text
    assert response.text.count("<h1") == 1


def test_an_empty_submit_shows_messages_not_an_error(client, questionnaire, step_url, question):
    key = start_answering(client, questionnaire)
    response = client.post(step_url(1), {"submission_key": key, "action": "next"})
    assert response.status_code == 200
    assert "Some answers need your attention" in response.text
    assert "Tick the box to agree before you go on." in response.text
    assert "Please answer this question." in response.text
    assert f'href="#id_{field_name(question("Q1"))}"' in response.text
    assert f'aria-describedby="question-{question("Q1").pk}-error"' in response.text


def test_the_whole_flow_with_going_back_keeps_what_was_typed(
    client, questionnaire, step_url, first_page, second_page, question
):
    key = start_answering(client, questionnaire)
    response = client.post(step_url(1), {**first_page, "submission_key": key, "action": "next"})
    assert response.status_code == 302
    assert response.url == step_url(2)

    page_two = client.get(step_url(2))
    assert "Section 2 of 2" in page_two.text
    # Back from page 2 keeps what was typed there, and page 1 still shows its answers.
    back = client.post(step_url(2), {**second_page, "submission_key": key, "action": "back"})
    assert back.url == step_url(1)
    page_one = client.get(step_url(1))
    assert 'value="67"' in page_one.text
    assert "Please answer" not in page_one.text
    again = client.get(step_url(2))
    assert "Повече автобуси" in again.text
    assert 'value="mayor" class="form-check-input" aria-describedby' not in again.text

    done = client.post(step_url(2), {**second_page, "submission_key": key, "action": "submit"})
    assert done.url == reverse("surveys:thanks", args=[questionnaire.slug])
    response = Response.objects.get()
    assert str(response.submission_key) == key
    assert response.settlement.name == "Мечка"
    assert response.consented
    assert response.answers.filter(question=question("Q10")).get().text == "Повече автобуси"
    assert (
        "survey_attempts" not in client.session
        or str(questionnaire.pk) not in (client.session["survey_attempts"])
    )
    assert "Thank you" in client.get(done.url).text


def test_a_double_submit_or_a_reload_records_one_response(
    client, questionnaire, step_url, first_page, second_page
):
    key = start_answering(client, questionnaire)
    client.post(step_url(1), {**first_page, "submission_key": key, "action": "next"})
    last = {**second_page, "submission_key": key, "action": "submit"}
    first = client.post(step_url(2), last)
    second = client.post(step_url(2), last)
    thanks = reverse("surveys:thanks", args=[questionnaire.slug])
    assert (first.url, second.url) == (thanks, f"{thanks}?again=1")
    assert Response.objects.count() == 1


def test_a_page_skipped_by_address_is_shown_with_its_messages_at_the_end(
    client, questionnaire, step_url, second_page
):
    key = start_answering(client, questionnaire)
    response = client.post(step_url(2), {**second_page, "submission_key": key, "action": "submit"})
    assert response.url == step_url(1)
    page_one = client.get(step_url(1))
    assert "Please answer this question." in page_one.text
    assert not Response.objects.exists()


def test_a_hidden_question_is_not_asked_and_its_value_is_dropped(
    client, questionnaire, step_url, first_page, second_page, question
):
    key = start_answering(client, questionnaire)
    client.post(
        step_url(1),
        {
            **first_page,
            field_name(question("Q3")): "тайна",
            "submission_key": key,
            "action": "next",
        },
    )
    client.post(step_url(2), {**second_page, "submission_key": key, "action": "submit"})
    assert not Response.objects.get().answers.filter(question=question("Q3")).exists()


def test_the_answers_of_a_questionnaire_closed_meanwhile_are_refused_with_a_message(
    client, questionnaire, step_url, first_page
):
    key = start_answering(client, questionnaire)
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.CLOSED)
    response = client.post(
        step_url(1), {**first_page, "submission_key": key, "action": "next"}, follow=True
    )
    assert "This questionnaire is closed" in response.text
    assert not Response.objects.exists()


def test_answering_stores_no_user_even_when_logged_in(
    client, questionnaire, step_url, first_page, second_page, resident
):
    client.force_login(resident)
    key = start_answering(client, questionnaire)
    client.post(step_url(1), {**first_page, "submission_key": key, "action": "next"})
    client.post(step_url(2), {**second_page, "submission_key": key, "action": "submit"})
    assert Response.objects.get().entered_by is None


def test_a_one_page_questionnaire_sent_twice_records_one_response(
    client, questionnaire, first_page, second_page
):
    first, second = questionnaire.sections.all()
    second.questions.update(section=first)
    second.delete()
    key = start_answering(client, questionnaire)
    page = {**first_page, **second_page, "submission_key": key, "action": "submit"}
    url = reverse("surveys:answer", args=[questionnaire.slug, 1])
    thanks = reverse("surveys:thanks", args=[questionnaire.slug])
    assert client.post(url, page).url == thanks
    assert client.post(url, page).url == f"{thanks}?again=1"
    assert Response.objects.count() == 1


# What the page keeps, and how it reads without seeing it


@pytest.fixture
def on_page_two(client, questionnaire, step_url, first_page):
    key = start_answering(client, questionnaire)
    client.post(step_url(1), {**first_page, "submission_key": key, "action": "next"})
    return lambda data: client.post(
        step_url(2), {**data, "submission_key": key, "action": "submit"}
    )


def test_every_group_of_options_is_a_fieldset_named_by_its_legend(
    client, questionnaire, step_url, first_page
):
    key = start_answering(client, questionnaire)
    client.post(step_url(1), {**first_page, "submission_key": key, "action": "next"})
    for page in (client.get(step_url(1)), client.get(step_url(2))):
        nodes = parsed(page)
        groups = [
            (attrs, ancestors)
            for element, attrs, ancestors in nodes
            if element.name == "input"
            and attrs.get("type") in {"radio", "checkbox"}
            and attrs["name"] != "consent"
        ]
        assert groups
        for attrs, ancestors in groups:
            fieldset = next(a for a in reversed(ancestors) if a.name == "fieldset")
            legend = next(c for c in fieldset.children if isinstance(c, Element))
            assert legend.name == "legend" and text_of(legend), attrs["name"]
        ids = {attrs.get("id") for _e, attrs, _a in nodes}
        for element, attrs, _ancestors in nodes:
            if element.name == "select":
                assert attrs["aria-labelledby"] in ids


def test_the_error_summary_links_to_each_field_in_error(on_page_two, question, second_page):
    q6, matrix = question("Q6"), question("Q9")
    second_row = matrix.rows.last()
    page = on_page_two(
        {
            **second_page,
            field_name(q6): "tv",
            field_name(q6, "_other"): "Фейсбук",
            field_name(question("Q7")): [],
            field_name(matrix, f"_{second_row.pk}"): "",
        }
    )
    nodes = parsed(page)
    summary = next(a for e, a, _ in nodes if a.get("id") == "error-summary")
    assert summary["role"] == "alert"
    links = [
        attrs["href"][1:]
        for element, attrs, ancestors in nodes
        if element.name == "a"
        and any(dict(a.attributes).get("id") == "error-summary" for a in ancestors)
    ]
    assert links == [
        f"id_{field_name(q6, '_other')}",
        f"id_{field_name(question('Q7'))}_0",
        f"id_{field_name(matrix, f'_{second_row.pk}')}_0",
    ]
    inputs = {attrs.get("id"): element.name for element, attrs, _a in nodes}
    assert all(inputs.get(link) == "input" for link in links)
    errors = [a["id"] for _e, a, _ in nodes if a.get("id", "").endswith("-error")]
    assert len(errors) == len(links)


def test_inputs_are_described_by_the_help_and_the_message_of_their_question(
    client, questionnaire, step_url, question
):
    q4 = question("Q4")
    q4.help_text = "В навършени години."
    q4.save()
    key = start_answering(client, questionnaire)
    page = client.post(
        step_url(1), {field_name(q4): "сто", "submission_key": key, "action": "next"}
    )
    nodes = parsed(page)
    ids = {attrs.get("id") for _e, attrs, _a in nodes}
    described = {
        attrs["name"]: attrs["aria-describedby"].split()
        for _e, attrs, _a in nodes
        if "aria-describedby" in attrs and "name" in attrs
    }
    assert described[field_name(q4)] == [f"question-{q4.pk}-help", f"question-{q4.pk}-error"]
    assert all(target in ids for targets in described.values() for target in targets)
    texts = {attrs.get("id"): text_of(e) for e, attrs, _a in nodes}
    assert texts[f"question-{q4.pk}-help"] == "В навършени години."
    assert "Enter a number, for example 42." in texts[f"question-{q4.pk}-error"]
    q1 = question("Q1")
    assert described[f"{field_name(q1)}"] == [f"question-{q1.pk}-error"]


def test_what_was_typed_stays_on_the_page_after_a_message(on_page_two, question, second_page):
    q6, q10 = question("Q6"), question("Q10")
    long_text = "Повече автобуси до Ruse.\n" * 250
    page = on_page_two(
        {
            **second_page,
            field_name(q6): "tv",
            field_name(q6, "_other"): "Фейсбук",
            field_name(q10): long_text,
        }
    )
    assert page.status_code == 200
    assert "You wrote beside “Other” but chose another answer" in page.text
    assert "Ensure this value has at most 5000 characters" in page.text
    assert 'value="Фейсбук"' in page.text
    assert long_text.splitlines()[0] in page.text
    assert page.context["form"][field_name(q10)].value() == long_text
    assert not Response.objects.exists()


def test_a_short_text_too_long_is_shown_again_with_its_message(
    client, questionnaire, step_url, first_page, question
):
    key = start_answering(client, questionnaire)
    typed = "Бюджетът за пътищата, " * 15 + "и още"
    page = client.post(
        step_url(1),
        {
            **first_page,
            field_name(question("Q2")): "yes",
            field_name(question("Q3")): typed,
            "submission_key": key,
            "action": "next",
        },
    )
    assert f"Ensure this value has at most 300 characters (it has {len(typed)})." in page.text
    assert f'value="{typed}"' in page.text


def test_a_single_choice_shown_as_a_drop_down_is_answered_on_the_page(
    on_page_two, question, second_page, questionnaire
):
    q6 = question("Q6")
    q6.widget = Question.Widget.SELECT
    q6.save()
    page = on_page_two({**second_page, field_name(q6): ""})
    assert f'<select name="{field_name(q6)}"' in page.text
    assert "Please answer this question." in page.text
    done = on_page_two({**second_page, field_name(q6): "mayor"})
    assert done.url == reverse("surveys:thanks", args=[questionnaire.slug])
    assert Response.objects.get().answers.get(question=q6).choice.code == "mayor"


def test_a_question_reworded_by_staff_reads_anew_on_the_next_page(
    client, questionnaire, step_url, question
):
    start_answering(client, questionnaire)
    assert "В кое населено място живеете?" in client.get(step_url(1)).text
    q1 = question("Q1")
    q1.text = "Къде живеете?"
    q1.save()
    assert "Къде живеете?" in client.get(step_url(1)).text
