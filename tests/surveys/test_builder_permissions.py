"""The list of questionnaires and who may use the builder: project staff only, and a section or
question only within its own questionnaire."""

import pytest
from django.urls import reverse

from surveys.models import Question, Section
from surveys.services import questionnaires, structure

from .building import url

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def test_the_list_shows_responses_against_the_quota_in_a_bounded_number_of_queries(
    staff_client, staff, questionnaire, respond, django_assert_max_num_queries
):
    for number in range(5):
        other = questionnaires.create_questionnaire(
            user=staff, title=f"Анкета {number}", target_group="businesses"
        )
        respond(questionnaire=other)
    respond(Q2="no")
    respond(Q2="yes")

    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("surveys:manage"))

    assert response.status_code == 200
    listed = {q.slug: q.responses_count for q in response.context["questionnaires"]}
    assert listed[questionnaire.slug] == 2
    assert 'max="110" value="2"' in response.content.decode()


def _screens(questionnaire, section, question):
    return {
        "manage": ("get", reverse("surveys:manage"), {}),
        "questionnaire_create": ("get", reverse("surveys:questionnaire_create"), {}),
        "builder": ("get", url("builder", questionnaire), {}),
        "questionnaire_edit": ("get", url("questionnaire_edit", questionnaire), {}),
        "section_add": ("post", url("section_add", questionnaire), {"title": "Нова"}),
        "section_edit": ("get", url("section_edit", questionnaire, section.pk), {}),
        "section_move": (
            "post",
            url("section_move", questionnaire, section.pk),
            {"direction": "down"},
        ),
        "section_delete": ("post", url("section_delete", questionnaire, section.pk), {}),
        "question_add": ("get", url("question_add", questionnaire), {}),
        "question_edit": ("get", url("question_edit", questionnaire, question.pk), {}),
        "question_move": (
            "post",
            url("question_move", questionnaire, question.pk),
            {"direction": "up"},
        ),
        "question_delete": ("post", url("question_delete", questionnaire, question.pk), {}),
        "quotas": ("get", url("quotas", questionnaire), {}),
        "copy": ("post", url("copy", questionnaire), {}),
        "open": ("post", url("open", questionnaire), {}),
        "close": ("post", url("close", questionnaire), {}),
        "publish_results": ("post", url("publish_results", questionnaire), {"published": "1"}),
        "preview": ("get", url("preview", questionnaire), {}),
    }


SCREENS = [
    "manage",
    "questionnaire_create",
    "builder",
    "questionnaire_edit",
    "section_add",
    "section_edit",
    "section_move",
    "section_delete",
    "question_add",
    "question_edit",
    "question_move",
    "question_delete",
    "quotas",
    "copy",
    "open",
    "close",
    "publish_results",
    "preview",
]


@pytest.mark.parametrize("persona", ["staff", "official", "monitor", "resident", "outsider"])
@pytest.mark.parametrize("screen", SCREENS)
def test_only_project_staff_may_use_the_builder(client, request, questionnaire, screen, persona):
    empty = structure.add_section(questionnaire, title="Празна")
    last = Question.objects.get(code="Q10")
    method, address, data = _screens(questionnaire, empty, last)[screen]
    client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(address, data)

    if persona == "staff":
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert "/accounts/login/" not in response.url
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("screen", SCREENS)
def test_anonymous_visitors_are_sent_to_log_in(client, questionnaire, screen):
    method, address, data = _screens(
        questionnaire, questionnaire.sections.first(), Question.objects.get(code="Q10")
    )[screen]

    response = getattr(client, method)(address, data)

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_a_section_of_another_questionnaire_is_not_found(staff_client, questionnaire, draft):
    section = draft.sections.get()

    response = staff_client.post(url("section_delete", questionnaire, section.pk))

    assert response.status_code == 404
    assert Section.objects.filter(pk=section.pk).exists()
