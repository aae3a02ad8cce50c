"""What an answering attempt may keep in the session: the fields its pages define, each within
what it may hold, a few questionnaires at a time and a bounded size in all."""

import random
import string

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from ivanovo_portal.places.models import Settlement
from surveys import attempts
from surveys.models import Question, Questionnaire, Section
from surveys.services import responses

from .conftest import add_question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Kind = Question.Kind


def stored_session_bytes(client):
    """The size of the session's row as the database stores it."""
    return len(Session.objects.get(session_key=client.session.session_key).session_data)


def held(client):
    return client.session.get("survey_attempts", {})


def junk(length):
    return "".join(random.choices(string.ascii_letters + string.digits, k=length))


def test_a_huge_post_of_made_up_fields_leaves_a_session_of_a_few_kilobytes(
    client, questionnaire, question
):
    # Names that look like the page's questions' (q<id>_…) and like any question's (q<digits>…):
    # 900 fields, 4.7 MB in all.
    stems = [f"q{question(code).pk}" for code in ("Q1", "Q2", "Q3", "Q4", "Q5")]
    fields = {}
    while len(fields) < 900:
        stem = random.choice(stems) if len(fields) % 2 else f"q{random.randint(1, 10**6)}"
        fields[f"{stem}_{junk(8)}"] = junk(5230)
    assert sum(len(k) + len(v) for k, v in fields.items()) > 4.7 * 10**6
    client.get(reverse("surveys:answer", args=[questionnaire.slug]))
    key = held(client)[str(questionnaire.pk)]["key"]
    page = reverse("surveys:answer", args=[questionnaire.slug, 1])
    response = client.post(page, {**fields, "submission_key": key, "action": "next"})
    assert response.status_code == 200  # the page again, asking for its answers
    assert stored_session_bytes(client) < 3000
    assert held(client)[str(questionnaire.pk)]["data"] == {}


def test_a_page_keeps_only_what_its_fields_may_hold(client, questionnaire, question):
    q6, q7, q8, q10 = (question(code) for code in ("Q6", "Q7", "Q8", "Q10"))
    client.get(reverse("surveys:answer", args=[questionnaire.slug]))
    client.post(
        reverse("surveys:answer", args=[questionnaire.slug, 2]),
        {
            f"q{q6.pk}": ["site", "mayor", "nonsense"],
            f"q{q6.pk}_other": "о" * 5000,
            f"q{q7.pk}": ["roads", "jobs", "roads", "x" * 1000] * 100,
            f"q{q8.pk}": "9",
            f"q{q10.pk}": "я" * 50_000,
            f"q{q10.pk}_other": "there is no such field",
            "action": "next",
        },
    )
    data = held(client)[str(questionnaire.pk)]["data"]
    assert data[f"q{q6.pk}"] == ["mayor"]  # a single choice: one of its options
    assert data[f"q{q6.pk}_other"] == ["о" * 1000]  # twice its 500 characters
    assert data[f"q{q7.pk}"] == ["roads", "jobs"]  # each option at most once
    assert f"q{q8.pk}" not in data  # not an option of the scale
    assert data[f"q{q10.pk}"] == ["я" * 10_000]
    assert f"q{q10.pk}_other" not in data


def test_what_was_typed_comes_back_when_the_page_is_shown_again(client, questionnaire, question):
    client.get(reverse("surveys:answer", args=[questionnaire.slug]))
    page = reverse("surveys:answer", args=[questionnaire.slug, 1])
    koshov = Settlement.objects.get(name="Кошов")
    client.post(page, {f"q{question('Q1').pk}": str(koshov.pk), f"q{question('Q4').pk}": "1 200"})
    shown = client.get(page)
    assert f'value="{koshov.pk}" selected' in shown.text
    assert 'value="1 200"' in shown.text


def make_open_questionnaires(staff, count):
    made = []
    for number in range(count):
        questionnaire = Questionnaire.objects.create(
            title=f"Анкета {number}",
            slug=f"anketa-{number}",
            target_group="citizens_ngos",
            status=Questionnaire.Status.OPEN,
            created_by=staff,
        )
        for position in range(3):
            section = Section.objects.create(
                questionnaire=questionnaire, title=f"Страница {position}", position=position
            )
            add_question(section, f"Q{position + 1}", Kind.LONG_TEXT, "Какво мислите?")
        made.append(questionnaire)
    return made


def test_a_session_holds_a_few_questionnaires_at_once_and_the_oldest_gives_way(client, staff):
    *first, last = make_open_questionnaires(staff, attempts.MAX_ATTEMPTS + 1)
    for questionnaire in first:
        client.get(reverse("surveys:answer", args=[questionnaire.slug]))
    assert list(held(client)) == [str(q.pk) for q in first]
    client.get(reverse("surveys:answer", args=[last.slug]))
    assert list(held(client)) == [str(q.pk) for q in [*first[1:], last]]


def test_an_attempt_begun_with_an_invitation_code_gives_way_last(client, staff):
    invited, *others = make_open_questionnaires(staff, attempts.MAX_ATTEMPTS + 1)
    invited.invitation_only = True
    invited.save()
    (code,) = responses.create_invitations(invited, count=1)
    client.post(invited.get_absolute_url(), {"code": code.code})
    for questionnaire in others:
        client.get(reverse("surveys:answer", args=[questionnaire.slug]))
    assert str(invited.pk) in held(client)
    assert str(others[0].pk) not in held(client)


def test_long_answers_on_several_questionnaires_push_out_the_oldest(client, staff):
    questionnaires = make_open_questionnaires(staff, 3)
    for questionnaire in questionnaires:
        client.get(reverse("surveys:answer", args=[questionnaire.slug]))
        for step in (1, 2):
            text = Question.objects.get(section__questionnaire=questionnaire, code=f"Q{step}")
            client.post(
                reverse("surveys:answer", args=[questionnaire.slug, step]),
                {f"q{text.pk}": "ж" * 20_000, "action": "next"},
            )
        # Each answer is kept to 10,000 letters (it gets its message by the field), 20 kB.
        assert held(client)[str(questionnaire.pk)]["data"][f"q{text.pk}"] == ["ж" * 10_000]
    # 40 kB an attempt: the third one pushes the first out.
    assert list(held(client)) == [str(q.pk) for q in questionnaires[1:]]


def test_answers_too_long_to_keep_get_a_message_and_are_shown_again(client, staff):
    (questionnaire,) = make_open_questionnaires(staff, 1)
    section = questionnaire.sections.first()
    for number in range(3, 16):
        add_question(section, f"Q{number}", Kind.LONG_TEXT, "И още?", required=False)
    texts = Question.objects.filter(section=section)
    client.get(reverse("surveys:answer", args=[questionnaire.slug]))
    # 13 answers of 5,000 Cyrillic letters: 130,000 bytes, past the cap.
    page = client.post(
        reverse("surveys:answer", args=[questionnaire.slug, 1]),
        {**{f"q{text.pk}": "ж" * 5000 for text in texts}, "action": "next"},
    )
    assert page.status_code == 200
    assert "Your answers are longer than this site can keep" in page.text
    assert page.text.count("ж" * 5000) == texts.count()
    assert held(client)[str(questionnaire.pk)]["data"] == {}
