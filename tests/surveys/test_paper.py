"""Paper: the printable questionnaire and staff data entry of filled-in forms."""

import io
import re
import uuid

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.registry import kinds
from ivanovo_portal.places.models import Settlement
from surveys.models import Channel, Questionnaire, Response
from surveys.pdf import PAPER_FORM_KIND, render_paper_form_pdf

from .conftest import field_name

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def pdf_text(pdf):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_paper_form_has_every_question_box_and_condition_in_words(questionnaire, question):
    text = " ".join(pdf_text(render_paper_form_pdf(questionnaire)).split())
    for question_text in [
        "В кое населено място живеете?",
        "На колко години сте?",
        "Кои са най-важните проблеми в селото?",
        "Доколко сте доволни от:",
    ]:
        assert question_text in text
    assert "Анкетна карта №" in text
    assert "Административното обслужване" in text  # a matrix row
    assert "Много добре" in text  # a scale point
    assert [s.name for s in Settlement.objects.all() if s.name not in text] == []
    assert ("Q2" in text and "„Да“" in text) or "“Да”" in text  # the condition, in words
    assert questionnaire.consent_text in text


def test_the_paper_form_is_public_once_the_questionnaire_is_not_a_draft(questionnaire):
    kind = kinds.get(PAPER_FORM_KIND)
    assert kind.public_for(questionnaire)
    questionnaire.status = Questionnaire.Status.DRAFT
    assert not kind.public_for(questionnaire)


def test_staff_prepare_the_paper_form_and_the_public_page_links_it_when_ready(
    client, staff, questionnaire, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    assert "Print the questionnaire" not in client.get(questionnaire.get_absolute_url()).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("surveys:paper_form", args=[questionnaire.slug]))
    assert response.status_code == 302
    client.logout()
    page = client.get(questionnaire.get_absolute_url())
    assert "Print the questionnaire" in page.text


def test_staff_try_a_draft_on_paper_from_the_builder(
    client, staff, questionnaire, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.DRAFT)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("surveys:paper_form", args=[questionnaire.slug]))

    assert response.url == reverse("surveys:builder", args=[questionnaire.slug])
    document = GeneratedDocument.objects.get(kind=PAPER_FORM_KIND)
    assert document.is_ready
    assert document.download_url in client.get(response.url).text
    client.logout()
    assert client.get(document.download_url).status_code in {302, 403, 404}


@pytest.mark.parametrize(
    ("persona", "status"),
    [("staff", 200), ("monitor", 403), ("official", 403), ("resident", 403), ("outsider", 403)],
)
def test_only_staff_may_enter_paper_forms(
    client, request, questionnaire, entry_url, persona, status
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(entry_url).status_code == status
    assert client.get(reverse("surveys:entries", args=[questionnaire.slug])).status_code == status


def test_a_visitor_is_sent_to_log_in(client, entry_url):
    response = client.get(entry_url)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_the_entry_page_has_every_question_and_starts_on_the_form_number(client, staff, entry_url):
    client.force_login(staff)
    response = client.get(entry_url)
    assert response.text.count('<fieldset class="mb-4 pb-2 border-bottom"') == 10
    assert 'name="form_number"' in response.text
    assert "autofocus" in response.text
    assert 'inputmode="decimal"' in response.text


def test_a_paper_form_is_saved_with_who_entered_it_and_a_fresh_form_follows(
    client, staff, entry_url, paper_form
):
    client.force_login(staff)
    response = client.post(entry_url, paper_form, follow=True)
    assert "Form № 17 saved." in response.text
    saved = Response.objects.get()
    assert saved.channel == Channel.PAPER
    assert saved.entered_by == staff
    assert saved.form_number == "17"
    assert saved.settlement.name == "Нисово"
    # An empty form for the next one.
    assert re.search(r'name="form_number"[^>]* value="([^"]*)"', response.text)[1] == ""


def test_a_form_number_is_entered_once(client, staff, entry_url, paper_form):
    client.force_login(staff)
    client.post(entry_url, paper_form)
    again = client.post(entry_url, {**paper_form, "submission_key": str(uuid.uuid4())})
    assert again.status_code == 200
    assert "Form № 17 has already been entered for this questionnaire." in again.text
    assert Response.objects.count() == 1
    assert 'value="71"' in again.text  # nothing typed is lost


def test_a_paper_form_needs_its_number_and_keeps_what_was_typed(
    client, staff, entry_url, paper_form, question
):
    client.force_login(staff)
    response = client.post(
        entry_url, {**paper_form, "form_number": "", field_name(question("Q4")): "300"}
    )
    assert "Enter the number of the paper form." in response.text
    assert "Enter a number from 16 to 110." in response.text
    assert 'value="300"' in response.text
    assert not Response.objects.exists()


def test_an_interview_needs_no_form_number(client, staff, entry_url, paper_form):
    client.force_login(staff)
    response = client.post(
        entry_url, {**paper_form, "form_number": "", "channel": Channel.INTERVIEW}, follow=True
    )
    assert "The interview has been saved." in response.text
    assert Response.objects.get().channel == Channel.INTERVIEW


def test_paper_forms_are_entered_after_the_questionnaire_closes(
    client, staff, questionnaire, entry_url, paper_form
):
    questionnaire.status = Questionnaire.Status.CLOSED
    questionnaire.save()
    client.force_login(staff)
    client.post(entry_url, paper_form)
    assert Response.objects.get().form_number == "17"


def test_the_same_entry_sent_twice_records_one_response(client, staff, entry_url, paper_form):
    client.force_login(staff)
    client.post(entry_url, paper_form)
    client.post(entry_url, paper_form)
    assert Response.objects.count() == 1


def test_a_hidden_question_left_empty_on_paper_saves_the_form(
    client, staff, entry_url, paper_form, question
):
    client.force_login(staff)
    client.post(
        entry_url, {**paper_form, field_name(question("Q2")): "no", field_name(question("Q3")): ""}
    )
    saved = Response.objects.get()
    assert not saved.answers.filter(question=question("Q3")).exists()
    assert saved.outside_conditions == []


def test_the_list_of_entered_forms_shows_number_channel_and_who(
    client, staff, questionnaire, entry_url, paper_form, django_assert_max_num_queries
):
    client.force_login(staff)
    for number in range(1, 6):
        client.post(
            entry_url,
            {**paper_form, "form_number": str(number), "submission_key": str(uuid.uuid4())},
        )
    with django_assert_max_num_queries(12):
        response = client.get(reverse("surveys:entries", args=[questionnaire.slug]))
    assert response.status_code == 200
    assert "5 forms entered by staff" in response.text
    assert "Нисово" in response.text
    assert staff.get_full_name() or staff.username in response.text
