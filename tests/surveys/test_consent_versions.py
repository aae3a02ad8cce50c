"""Consent text versions: an edited consent text is a new version, and each response records the
version its respondent agreed to, online as shown when the box was ticked, on paper as printed."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from surveys.models import ConsentText, Response
from surveys.services import questionnaires
from tests.surveys.exporting import exported

from .conftest import start_answering

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ORIGINAL = "Отговорите са анонимни и се използват само за анализа по проекта."
EDITED = "Отговорите са анонимни; обобщените резултати се публикуват на портала."


@pytest.fixture
def versioned(questionnaire):
    """The shared questionnaire with its consent text saved through the builder: version 1."""
    return questionnaires.update_questionnaire(questionnaire, consent_text=ORIGINAL)


def page_one(first_page, version):
    """The first page as sent: its answers and the box ticked under ``version`` of the text."""
    return {**first_page, "consent_version": str(version.pk)}


@pytest.fixture
def answer_online(versioned, step_url, first_page, second_page):
    """Answer both pages in a browser as a respondent does, agreeing to the text the first page
    shows: ``answer_online(client)``."""

    def answer(client):
        start_answering(client, versioned)
        shown = client.get(step_url(1)).context["consent_version"]
        client.post(step_url(1), page_one(first_page, shown))
        return client.post(step_url(2), {**second_page, "action": "submit"})

    return answer


def edit_consent(client, questionnaire, text):
    """Staff change the consent text on the builder's settings form."""
    data = {
        "title": questionnaire.title,
        "slug": questionnaire.slug,
        "description": questionnaire.description,
        "target_group": questionnaire.target_group,
        "consent_text": text,
    }
    response = client.post(reverse("surveys:questionnaire_edit", args=[questionnaire.slug]), data)
    assert response.status_code == 302, response.context["form"].errors


def test_an_edited_consent_text_is_a_new_version_and_each_response_keeps_its_own(
    client, staff_client, versioned, answer_online
):
    answer_online(client)
    edit_consent(staff_client, versioned, EDITED)
    answer_online(Client())

    first, second = Response.objects.order_by("pk")
    assert (first.consent_version.version, first.consent_version.text) == (1, ORIGINAL)
    assert (second.consent_version.version, second.consent_version.text) == (2, EDITED)
    assert first.consented and second.consented


def test_the_first_page_shows_the_current_version_of_the_text(
    client, staff_client, versioned, step_url
):
    edit_consent(staff_client, versioned, EDITED)
    start_answering(client, versioned)

    page = client.get(step_url(1))

    assert EDITED in page.text and ORIGINAL not in page.text
    assert page.context["consent_version"].version == 2


def test_a_respondent_who_agreed_before_the_text_changed_is_asked_to_agree_again(
    client, staff_client, versioned, step_url, first_page, second_page
):
    start_answering(client, versioned)
    client.post(step_url(1), page_one(first_page, ConsentText.objects.get()))
    edit_consent(staff_client, versioned, EDITED)

    sent = client.post(step_url(2), {**second_page, "action": "submit"}, follow=True)

    assert Response.objects.count() == 0
    assert sent.redirect_chain[-1][0] == step_url(1)
    assert "The consent text has changed since you agreed to it" in sent.text
    assert EDITED in sent.text
    current = sent.context["consent_version"]
    client.post(step_url(1), page_one(first_page, current))
    client.post(step_url(2), {**second_page, "action": "submit"})
    assert Response.objects.get().consent_version == current


def test_saving_the_same_text_or_other_settings_makes_no_new_version(staff_client, versioned):
    edit_consent(staff_client, versioned, ORIGINAL)
    questionnaires.update_questionnaire(versioned, title="Нов заглавен текст")

    assert list(versioned.consent_versions.values_list("version", flat=True)) == [1]


def test_a_new_questionnaire_and_a_copy_start_at_version_one(staff, versioned):
    created = questionnaires.create_questionnaire(
        user=staff, title="Бизнесът", target_group="businesses", consent_text=EDITED
    )
    copy = questionnaires.copy_questionnaire(versioned, user=staff)

    assert [(v.version, v.text) for v in created.consent_versions.all()] == [(1, EDITED)]
    assert [(v.version, v.text) for v in copy.consent_versions.all()] == [(1, ORIGINAL)]


def test_a_paper_form_records_the_version_in_use(staff_client, versioned, entry_url, paper_form):
    questionnaires.update_questionnaire(versioned, consent_text=EDITED)

    response = staff_client.post(entry_url, paper_form)

    assert response.status_code == 302
    assert Response.objects.get().consent_version.version == 2


def test_the_builder_shows_the_versions_with_their_dates(staff_client, versioned):
    questionnaires.update_questionnaire(versioned, consent_text=EDITED)

    page = staff_client.get(reverse("surveys:builder", args=[versioned.slug])).text

    assert "Version 2, in use from" in page and "Version 1, in use from" in page
    assert ORIGINAL in page and EDITED in page


def test_the_export_carries_the_version_agreed_to(
    client, staff_client, versioned, answer_online, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    answer_online(client)
    questionnaires.update_questionnaire(versioned, consent_text=EDITED)
    answer_online(Client())

    _response, body = exported(staff_client, versioned, "responses.csv")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))

    assert [row["consent_version"] for row in rows] == ["1", "2"]
