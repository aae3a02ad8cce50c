"""Paper forms typed in: the day each was filled in (kept with it, used for the period of the
answers, in the exports), and answers written against a condition (flagged to staff, kept apart
when the form does say so, never counted)."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from surveys.models import Channel, Questionnaire, Response
from surveys.results import disclosure, methodology
from surveys.results.figures import results_for
from tests.surveys.exporting import exported

from .conftest import at, field_name

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def today():
    return timezone.localdate()


@pytest.fixture
def typist(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def opened_last_month(questionnaire):
    Questionnaire.objects.filter(pk=questionnaire.pk).update(
        opens_at=timezone.now() - timedelta(days=30)
    )
    questionnaire.refresh_from_db()
    return questionnaire


@pytest.fixture
def paper_form(paper_form, opened_last_month):
    """Form № 17 of the shared fixture, filled in three days ago."""
    return {**paper_form, "filled_on": (today() - timedelta(days=3)).isoformat()}


# The day a form was filled in


def test_the_day_a_paper_form_was_filled_in_is_saved_with_it(typist, entry_url, paper_form):
    typist.post(entry_url, paper_form)

    saved = Response.objects.get()
    assert saved.filled_on == today() - timedelta(days=3)
    assert saved.submitted_at.date() >= saved.filled_on


def test_the_entry_form_asks_the_day_the_form_was_filled_in(typist, entry_url):
    page = typist.get(entry_url).text

    assert 'type="date" name="filled_on"' in page
    assert "Filled in on" in page
    assert "The date written on the form, or the day of the interview." in page


def test_a_form_without_its_date_is_refused_by_the_field_and_keeps_what_was_typed(
    typist, entry_url, paper_form
):
    page = typist.post(entry_url, {**paper_form, "filled_on": ""}).text

    assert "Enter the date the form was filled in, as written on it." in page
    assert 'id="filled-on-error"' in page
    assert 'value="71"' in page and 'value="17"' in page
    assert not Response.objects.exists()


def test_an_interview_needs_its_date_too(typist, entry_url, paper_form):
    data = {**paper_form, "channel": Channel.INTERVIEW, "form_number": "", "filled_on": ""}

    page = typist.post(entry_url, data).text

    assert "Enter the date the form was filled in, as written on it." in page
    assert not Response.objects.exists()


def test_a_day_in_the_future_is_refused_and_shown_as_typed(typist, entry_url, paper_form):
    tomorrow = (today() + timedelta(days=1)).isoformat()

    page = typist.post(entry_url, {**paper_form, "filled_on": tomorrow}).text

    assert "The date the form was filled in cannot be in the future." in page
    assert 'href="#id_filled_on"' in page  # in the summary at the top, too
    assert f'value="{tomorrow}"' in page
    assert 'aria-invalid="true"' in page
    assert not Response.objects.exists()


def test_a_day_before_the_questionnaire_opened_is_refused(
    typist, opened_last_month, entry_url, paper_form
):
    opened = timezone.localdate(opened_last_month.opens_at)
    before = (opened - timedelta(days=1)).isoformat()

    page = typist.post(entry_url, {**paper_form, "filled_on": before}).text

    assert (
        f"The questionnaire opened on {opened:%d.%m.%Y}: a form cannot have been filled in "
        "before then. Check the date on the form."
    ) in page
    assert not Response.objects.exists()
    typist.post(entry_url, {**paper_form, "filled_on": opened.isoformat()})
    assert Response.objects.get().filled_on == opened


def test_a_date_as_written_on_paper_is_understood(typist, entry_url, paper_form):
    written = today() - timedelta(days=2)

    typist.post(entry_url, {**paper_form, "filled_on": f"{written:%d.%m.%Y}"})

    assert Response.objects.get().filled_on == written


def test_a_questionnaire_without_an_opening_date_takes_forms_from_the_day_it_was_made(
    typist, questionnaire, entry_url, paper_form
):
    Questionnaire.objects.filter(pk=questionnaire.pk).update(opens_at=None)
    made = timezone.localdate(questionnaire.created_at)

    page = typist.post(
        entry_url, {**paper_form, "filled_on": (made - timedelta(days=1)).isoformat()}
    ).text

    assert f"The questionnaire opened on {made:%d.%m.%Y}" in page
    assert not Response.objects.exists()


def test_a_response_online_keeps_no_filled_in_day(client, questionnaire, question, respond):
    assert respond(Q2="no").filled_on is None


# Answers against a condition


def test_an_answer_against_a_condition_is_flagged_by_its_question_and_nothing_is_saved(
    typist, entry_url, paper_form, question
):
    page = typist.post(entry_url, {**paper_form, field_name(question("Q2")): "no"}).text

    assert (
        "The form has an answer here, but this question is only for those whose answer to Q2 "
        "was „Да“. Check the form: if Q2 was typed wrongly, correct it;"
    ) in page
    assert 'value="Пътищата"' in page  # what was typed is still there
    assert "Answers outside their conditions" in page
    assert 'name="keep_outside"' in page
    assert not Response.objects.exists()


def test_correcting_the_answer_that_rules_the_question_out_saves_the_form_whole(
    typist, entry_url, paper_form, question
):
    typist.post(entry_url, {**paper_form, field_name(question("Q2")): "no"})

    typist.post(entry_url, paper_form)

    saved = Response.objects.get()
    assert saved.answers.get(question=question("Q3")).text == "Пътищата"
    assert saved.outside_conditions == []


def test_staff_keep_an_answer_the_form_gave_against_its_condition_apart_and_uncounted(
    typist, questionnaire, entry_url, paper_form, question
):
    data = {**paper_form, field_name(question("Q2")): "no", "keep_outside": "on"}

    response = typist.post(entry_url, data, follow=True)

    saved = Response.objects.get()
    assert saved.outside_conditions == [{"code": "Q3", "answer": "Пътищата"}]
    assert not saved.answers.filter(question=question("Q3")).exists()
    assert saved.answers.get(question=question("Q2")).choice.code == "no"
    assert (
        "Kept with the form as written, and not counted: the answers to Q3, which its other "
        "answers rule out."
    ) in response.text
    assert results_for(questionnaire)["Q3"].answered == 0
    entries = typist.get(reverse("surveys:entries", args=[questionnaire.slug])).text
    assert "Answers outside their conditions, kept but not counted:" in entries
    assert "Q3 „Пътищата“" in entries


def asked_only_after_yes(later, earlier):
    """Ask the question ``later`` only of those who answered "yes" to ``earlier``; return it."""
    later.condition_question = earlier
    later.save()
    later.condition_choices.set(earlier.choices.filter(code="yes"))
    return later


def test_an_answer_against_a_condition_on_an_earlier_page_is_shown_and_flagged(
    typist, entry_url, paper_form, question
):
    suggestion = asked_only_after_yes(question("Q10"), question("Q2"))  # on the second page
    data = {
        **paper_form,
        field_name(question("Q2")): "no",
        field_name(question("Q3")): "",
        field_name(suggestion): "Още автобуси",
    }

    page = typist.post(entry_url, data).text

    assert "Още автобуси" in page
    assert page.count("The form has an answer here") == 2  # the summary, and by Q10
    assert f'id="question-{suggestion.pk}-error"' in page
    assert f'href="#question-{suggestion.pk}"' in page
    assert not Response.objects.exists()

    typist.post(entry_url, {**data, "keep_outside": "on"})
    assert Response.objects.get().outside_conditions == [{"code": "Q10", "answer": "Още автобуси"}]


def test_options_kept_outside_a_condition_are_kept_by_their_labels(
    typist, entry_url, paper_form, question
):
    places = asked_only_after_yes(question("Q7"), question("Q2"))
    data = {
        **paper_form,
        field_name(question("Q2")): "no",
        field_name(question("Q3")): "",
        field_name(places): ["roads", "water"],
        "keep_outside": "on",
    }

    typist.post(entry_url, data)

    assert Response.objects.get().outside_conditions == [
        {"code": "Q7", "answer": "Пътищата, Водата"}
    ]


# The period of the answers


def test_the_period_of_the_answers_follows_the_day_each_form_was_filled_in(questionnaire, respond):
    respond(Q1="ivanovo", submitted_at=at(5, 10))
    typed_late = respond(Q1="koshov", channel=Channel.PAPER, submitted_at=at(20, 12))
    Response.objects.filter(pk=typed_late.pk).update(filled_on=date(2022, 11, 30))
    interview = respond(Q1="krasen", channel=Channel.INTERVIEW, submitted_at=at(21, 12))
    Response.objects.filter(pk=interview.pk).update(filled_on=date(2022, 10, 1))

    method = methodology.methodology_for([questionnaire])

    assert (method.first, method.last) == (date(2022, 10, 1), date(2022, 11, 30))


def test_the_frozen_figures_keep_the_days_the_answers_were_given(questionnaire, respond):
    respond(Q1="ivanovo", submitted_at=datetime(2022, 10, 5, 22, 30, tzinfo=UTC))  # 6.10 here
    paper = respond(Q1="koshov", channel=Channel.PAPER, submitted_at=at(20, 12))
    Response.objects.filter(pk=paper.pk).update(filled_on=date(2022, 12, 1))

    figures = disclosure.take_figures(questionnaire)

    assert (figures["first"], figures["last"]) == ("2022-10-06", "2022-12-01")


def test_a_paper_form_typed_without_its_date_counts_from_the_day_it_was_typed(
    questionnaire, respond
):
    respond(Q1="koshov", channel=Channel.PAPER, submitted_at=at(20, 12))

    method = methodology.methodology_for([questionnaire])

    assert method.first == method.last == date(2022, 12, 20)


def test_figures_frozen_before_forms_had_dates_still_give_the_period(questionnaire, respond):
    respond(Q1="ivanovo", submitted_at=at(6, 10))
    frozen = disclosure.take_figures(questionnaire)
    frozen.update(first="2022-10-05T21:00:00+00:00", last="2022-10-05T21:00:00+00:00")
    Questionnaire.objects.filter(pk=questionnaire.pk).update(public_figures=frozen)
    questionnaire.refresh_from_db()

    method = methodology.methodology_for([questionnaire])

    assert method.first == date(2022, 10, 6)  # 00:00 in Ivanovo


# Exports


@pytest.fixture
def exporter(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # where the exports are stored
    staff.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="surveys", codename__in=["view_results", "export_responses"]
        )
    )
    return type(staff).objects.get(pk=staff.pk)


@pytest.fixture
def two_forms(questionnaire, respond):
    online = respond(Q1="krasen", Q2="no")
    paper = respond(Q1="mechka", Q2="no", channel=Channel.PAPER)
    Response.objects.filter(pk=paper.pk).update(
        form_number="К-017",
        filled_on=date(2022, 11, 2),
        outside_conditions=[{"code": "Q3", "answer": "Пътищата"}],
    )
    return online, paper


def test_the_csv_export_carries_the_form_number_and_the_day_it_was_filled_in(
    client, exporter, questionnaire, two_forms
):
    client.force_login(exporter)
    _response, body = exported(client, questionnaire, "responses.csv")
    body = body.decode("utf-8")[1:]

    online, paper = list(csv.DictReader(io.StringIO(body)))

    assert (online["form_number"], online["filled_on"]) == ("", "")
    assert (paper["form_number"], paper["filled_on"]) == ("К-017", "2022-11-02")
    assert paper["outside_conditions"] == "Q3: Пътищата"
    assert paper["Q3"] == ""


def test_the_xlsx_export_and_its_codebook_carry_the_form_number_and_date(
    client, exporter, questionnaire, two_forms
):
    client.force_login(exporter)
    _response, body = exported(client, questionnaire, "responses.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(body))

    header, _online, paper = list(workbook["Отговори"].values)
    row = dict(zip(header, paper, strict=True))
    assert row["form_number"] == "К-017"
    assert row["filled_on"].date() == date(2022, 11, 2)
    described = {row[0]: row[2] for row in workbook["Кодова книга"].values}
    # In the portal's language, whichever the staff member reads it in.
    assert described["form_number"] == "Номер, записан върху анкетната карта (празно: няма)"
    assert described["filled_on"] == (
        "Дата на попълване на анкетната карта или на интервюто (празно: онлайн)"
    )
    assert "outside_conditions" in described


def test_the_codebook_csv_describes_the_paper_columns(client, exporter, questionnaire):
    client.force_login(exporter)
    _response, body = exported(client, questionnaire, "codebook.csv")
    body = body.decode("utf-8")

    assert "form_number" in body and "filled_on" in body
