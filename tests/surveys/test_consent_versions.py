"""Consent text versions: an edited consent text is a new version, and each response records the
version its respondent agreed to, online as shown when the box was ticked, on paper as printed."""

import csv
import io
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from ivanovo_portal.places.models import Settlement
from surveys.models import ConsentText, Response
from surveys.services import questionnaires
from tests.surveys.exporting import exported

pytestmark = pytest.mark.django_db

ORIGINAL = "Отговорите са анонимни и се използват само за анализа по проекта."
EDITED = "Отговорите са анонимни; обобщените резултати се публикуват на портала."


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def staff_client(staff):
    """Staff in a browser of their own, beside the respondents'."""
    browser = Client()
    browser.force_login(staff)
    return browser


@pytest.fixture
def versioned(questionnaire):
    """The shared questionnaire with its consent text saved through the builder: version 1."""
    return questionnaires.update_questionnaire(questionnaire, consent_text=ORIGINAL)


def name(question):
    return f"q{question.pk}"


def first_answers(question):
    return {
        name(question("Q1")): str(Settlement.objects.get(name="Мечка").pk),
        name(question("Q2")): "no",
        name(question("Q4")): "67",
    }


def page_one(question, version):
    """The first page as sent: its answers and the box ticked under ``version`` of the text."""
    return {"consent": "on", "consent_version": str(version.pk), **first_answers(question)}


def page_two(question):
    matrix = question("Q9")
    return {
        name(question("Q6")): "mayor",
        name(question("Q7")): ["jobs"],
        name(question("Q8")): "2",
        **{f"{name(matrix)}_{row.pk}": "5" for row in matrix.rows.all()},
    }


def url(questionnaire, step):
    return reverse("surveys:answer", args=[questionnaire.slug, step])


def answer_online(client, questionnaire, question):
    """Answer both pages as a respondent does, agreeing to the text the first page shows."""
    client.get(reverse("surveys:answer", args=[questionnaire.slug]))
    shown = client.get(url(questionnaire, 1)).context["consent_version"]
    client.post(url(questionnaire, 1), page_one(question, shown))
    return client.post(url(questionnaire, 2), {**page_two(question), "action": "submit"})


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
    client, staff_client, versioned, question
):
    answer_online(client, versioned, question)
    edit_consent(staff_client, versioned, EDITED)
    answer_online(Client(), versioned, question)

    first, second = Response.objects.order_by("pk")
    assert (first.consent_version.version, first.consent_version.text) == (1, ORIGINAL)
    assert (second.consent_version.version, second.consent_version.text) == (2, EDITED)
    assert first.consented and second.consented


def test_the_first_page_shows_the_current_version_of_the_text(client, staff_client, versioned):
    edit_consent(staff_client, versioned, EDITED)
    client.get(reverse("surveys:answer", args=[versioned.slug]))

    page = client.get(url(versioned, 1))

    assert EDITED in page.text and ORIGINAL not in page.text
    assert page.context["consent_version"].version == 2


def test_a_respondent_who_agreed_before_the_text_changed_is_asked_to_agree_again(
    client, staff_client, versioned, question
):
    client.get(reverse("surveys:answer", args=[versioned.slug]))
    client.post(url(versioned, 1), page_one(question, ConsentText.objects.get()))
    edit_consent(staff_client, versioned, EDITED)

    sent = client.post(url(versioned, 2), {**page_two(question), "action": "submit"}, follow=True)

    assert Response.objects.count() == 0
    assert sent.redirect_chain[-1][0] == url(versioned, 1)
    assert "The consent text has changed since you agreed to it" in sent.text
    assert EDITED in sent.text
    current = sent.context["consent_version"]
    client.post(url(versioned, 1), page_one(question, current))
    client.post(url(versioned, 2), {**page_two(question), "action": "submit"})
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


def test_a_paper_form_records_the_version_in_use(staff_client, versioned, question):
    questionnaires.update_questionnaire(versioned, consent_text=EDITED)
    data = {
        "form_number": "П-001",
        "filled_on": timezone.localdate().isoformat(),
        "channel": "paper",
        "consented": "on",
        "submission_key": str(uuid.uuid4()),
        **first_answers(question),
        **page_two(question),
    }

    response = staff_client.post(reverse("surveys:entry", args=[versioned.slug]), data)

    assert response.status_code == 302
    assert Response.objects.get().consent_version.version == 2


def test_the_builder_shows_the_versions_with_their_dates(staff_client, versioned):
    questionnaires.update_questionnaire(versioned, consent_text=EDITED)

    page = staff_client.get(reverse("surveys:builder", args=[versioned.slug])).text

    assert "Version 2, in use from" in page and "Version 1, in use from" in page
    assert ORIGINAL in page and EDITED in page


def test_the_export_carries_the_version_agreed_to(
    client, staff_client, versioned, question, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    answer_online(client, versioned, question)
    questionnaires.update_questionnaire(versioned, consent_text=EDITED)
    answer_online(Client(), versioned, question)

    _response, body = exported(staff_client, versioned, "responses.csv")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))

    assert [row["consent_version"] for row in rows] == ["1", "2"]
