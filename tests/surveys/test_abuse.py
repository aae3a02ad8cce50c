"""Ballot stuffing: past the threshold of responses from one client address in an hour, the
browser must solve a proof of work (ALTCHA) to send another, and that response is marked as sent
in a burst. The count lives in the cache under a keyed hash; no address is stored anywhere."""

import base64
import html
import json
import re
import uuid

import altcha
import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from ivanovo_portal.places.models import Settlement
from surveys.abuse import level_for
from surveys.models import Question, Questionnaire, Response, Section, TargetGroup

from .conftest import add_question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

VILLAGE = "203.0.113.77"
NEIGHBOUR = "198.51.100.23"
PROXY = "172.18.0.1"


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.SURVEYS_BURST_THRESHOLD = 3
    return 3


@pytest.fixture
def open_questionnaire(db):
    """An open one-page questionnaire: settlement, a yes/no question and an optional text."""
    questionnaire = Questionnaire.objects.create(
        title="Кратка анкета",
        slug="kratka",
        target_group=TargetGroup.CITIZENS_NGOS,
        status=Questionnaire.Status.OPEN,
    )
    section = Section.objects.create(questionnaire=questionnaire, title="Въпроси")
    add_question(section, "Q1", Question.Kind.SETTLEMENT, "Къде живеете?")
    add_question(section, "Q2", Question.Kind.YES_NO, "Доволни ли сте?", [("yes", "Да", 1)])
    add_question(section, "Q3", Question.Kind.SHORT_TEXT, "Защо?", required=False)
    return questionnaire


def page_url(questionnaire):
    return reverse("surveys:answer", args=[questionnaire.slug, 1])


def answers(questionnaire, why="Пътищата"):
    fields = {
        q.code: f"q{q.pk}" for q in Question.objects.filter(section__questionnaire=questionnaire)
    }
    return {
        fields["Q1"]: str(Settlement.objects.get(name="Красен").pk),
        fields["Q2"]: "yes",
        fields["Q3"]: why,
    }


def send(client, questionnaire, address=VILLAGE, *, proof=None, **headers):
    """Post a complete answer with a fresh submission key, as a script would, without ever
    opening the questionnaire."""
    data = {**answers(questionnaire), "submission_key": str(uuid.uuid4()), "action": "submit"}
    if proof is not None:
        data["altcha"] = proof
    return client.post(page_url(questionnaire), data, REMOTE_ADDR=address, **headers)


def opened(client, questionnaire, address):
    """The page as a browser opens it to answer again: from the questionnaire's start, since
    its pages opened again after a response say that it was recorded."""
    start = reverse("surveys:answer", args=[questionnaire.slug])
    return client.get(start, REMOTE_ADDR=address, follow=True)


def recorded(response, questionnaire):
    return response.status_code == 302 and response["Location"] == reverse(
        "surveys:thanks", args=[questionnaire.slug]
    )


def challenge_on(page):
    found = re.search(r'data-proof-of-work="([^"]+)"', page)
    return json.loads(html.unescape(found.group(1))) if found else None


def solved(challenge):
    """What the browser's script sends: the challenge with the number that solves it."""
    solution = altcha.solve_challenge(altcha.Challenge.from_dict(challenge))
    payload = {"challenge": challenge, "solution": solution.to_dict()}
    return base64.b64encode(json.dumps(payload).encode()).decode()


def burst(client, questionnaire, count, address=VILLAGE):
    for _ in range(count):
        assert recorded(send(client, questionnaire, address), questionnaire)


def test_up_to_the_threshold_responses_from_one_address_go_through_unchallenged(
    client, open_questionnaire, threshold
):
    for _ in range(threshold):
        response = send(client, open_questionnaire)
        assert recorded(response, open_questionnaire)
    assert Response.objects.filter(suspect=False).count() == threshold


def test_past_the_threshold_a_response_without_the_proof_of_work_is_refused_with_a_message(
    client, open_questionnaire, threshold
):
    burst(client, open_questionnaire, threshold)

    response = send(client, open_questionnaire)

    assert response.status_code == 200
    assert "Allow JavaScript in your browser" in response.text
    assert challenge_on(response.text) is not None
    assert '<script src="/static/js/proof-of-work.js" defer></script>' in response.text
    assert Response.objects.count() == threshold


def test_without_javascript_the_typed_answers_stay_in_the_attempt(
    client, open_questionnaire, threshold
):
    burst(client, open_questionnaire, threshold)

    response = send(client, open_questionnaire)

    assert 'value="Пътищата"' in response.text
    attempt = client.session["survey_attempts"][str(open_questionnaire.pk)]
    assert "Пътищата" in json.dumps(attempt["data"], ensure_ascii=False)
    assert "<noscript>" in response.text


def test_a_solved_challenge_records_the_response_marked_as_sent_in_a_burst(
    client, open_questionnaire, threshold
):
    burst(client, open_questionnaire, threshold)
    challenge = challenge_on(opened(client, open_questionnaire, VILLAGE).text)

    response = send(client, open_questionnaire, proof=solved(challenge))

    assert recorded(response, open_questionnaire)
    assert Response.objects.latest("pk").suspect
    assert Response.objects.filter(suspect=True).count() == 1


def test_a_solution_sent_twice_is_refused(client, open_questionnaire, threshold):
    burst(client, open_questionnaire, threshold)
    challenge = challenge_on(opened(client, open_questionnaire, VILLAGE).text)
    proof = solved(challenge)
    assert recorded(send(client, open_questionnaire, proof=proof), open_questionnaire)

    replayed = send(client, open_questionnaire, proof=proof)

    assert replayed.status_code == 200
    assert "could not be confirmed or has expired" in replayed.text
    assert Response.objects.count() == threshold + 1


def test_a_forged_or_unsolved_challenge_is_refused(client, open_questionnaire, threshold):
    burst(client, open_questionnaire, threshold)
    challenge = challenge_on(opened(client, open_questionnaire, VILLAGE).text)
    altered = json.loads(base64.b64decode(solved(challenge)))
    altered["challenge"]["parameters"]["expiresAt"] += 3600  # the signature no longer holds
    unsolved = {"challenge": challenge, "solution": {"counter": 0, "derivedKey": "00" * 32}}
    forged = altcha.create_challenge(
        "PBKDF2/SHA-256",
        1,
        counter=0,
        hmac_secret="not the site's key",
        data=challenge["parameters"]["data"],
    ).to_dict()
    for proof in [
        base64.b64encode(json.dumps(altered).encode()).decode(),
        base64.b64encode(json.dumps(unsolved).encode()).decode(),
        solved(forged),
        "bm90IGpzb24=",
        "%%%",
        "x" * 5000,
    ]:
        response = send(client, open_questionnaire, proof=proof)
        assert response.status_code == 200
        assert "could not be confirmed or has expired" in response.text
    assert Response.objects.count() == threshold


def test_a_challenge_solved_at_a_low_rate_is_refused_once_the_rate_has_doubled(
    client, open_questionnaire, threshold
):
    burst(client, open_questionnaire, threshold)
    easy = challenge_on(opened(client, open_questionnaire, VILLAGE).text)
    for _ in range(threshold):
        challenge = challenge_on(opened(client, open_questionnaire, VILLAGE).text)
        assert recorded(
            send(client, open_questionnaire, proof=solved(challenge)), open_questionnaire
        )

    response = send(client, open_questionnaire, proof=solved(easy))

    assert response.status_code == 200
    assert "could not be confirmed" in response.text
    harder = challenge_on(response.text)
    assert harder["parameters"]["data"]["level"] > easy["parameters"]["data"]["level"]


def test_the_work_asked_doubles_as_the_rate_doubles(settings):
    settings.SURVEYS_BURST_THRESHOLD = 30
    assert [level_for(rate) for rate in (1, 30, 31, 59, 60, 120, 240, 480, 10_000)] == [
        0, 0, 1, 1, 2, 3, 4, 5, 5,
    ]  # fmt: skip


def test_another_address_is_not_affected(client, open_questionnaire, threshold, django_user_model):
    burst(client, open_questionnaire, threshold)
    assert send(client, open_questionnaire).status_code == 200  # the village is challenged

    page = opened(client, open_questionnaire, NEIGHBOUR)
    response = send(client, open_questionnaire, NEIGHBOUR)

    assert challenge_on(page.text) is None
    assert recorded(response, open_questionnaire)
    assert not Response.objects.latest("pk").suspect


def test_another_questionnaire_is_not_affected(client, open_questionnaire, threshold):
    other = Questionnaire.objects.create(
        title="Друга", slug="druga", target_group=TargetGroup.BUSINESSES, status="open"
    )
    section = Section.objects.create(questionnaire=other, title="Въпроси")
    add_question(section, "Q1", Question.Kind.SETTLEMENT, "Къде?")
    add_question(section, "Q2", Question.Kind.YES_NO, "Да?", [("yes", "Да", 1)])
    add_question(section, "Q3", Question.Kind.SHORT_TEXT, "Защо?", required=False)
    burst(client, open_questionnaire, threshold)

    assert recorded(send(client, other), other)


def test_behind_the_proxy_each_client_is_counted_by_its_own_address(
    client, open_questionnaire, threshold, settings
):
    settings.TRUSTED_PROXIES = 1  # DJANGO_TRUSTED_PROXIES=1: nginx in front
    for _ in range(threshold):
        response = send(client, open_questionnaire, PROXY, HTTP_X_FORWARDED_FOR=VILLAGE)
        assert recorded(response, open_questionnaire)

    assert send(client, open_questionnaire, PROXY, HTTP_X_FORWARDED_FOR=VILLAGE).status_code == 200
    neighbour = send(client, open_questionnaire, PROXY, HTTP_X_FORWARDED_FOR=NEIGHBOUR)
    assert recorded(neighbour, open_questionnaire)


def test_an_ipv6_client_is_counted_by_its_network_not_each_of_its_addresses(
    client, open_questionnaire, threshold
):
    for host in range(threshold):
        assert recorded(
            send(client, open_questionnaire, f"2001:db8:5:7::{host + 1}"), open_questionnaire
        )

    assert send(client, open_questionnaire, "2001:db8:5:7:abcd::99").status_code == 200
    assert recorded(send(client, open_questionnaire, "2001:db8:5:8::1"), open_questionnaire)


def test_the_stored_responses_and_answers_hold_no_address(client, open_questionnaire, threshold):
    burst(client, open_questionnaire, threshold)
    challenge = challenge_on(opened(client, open_questionnaire, VILLAGE).text)
    assert recorded(send(client, open_questionnaire, proof=solved(challenge)), open_questionnaire)

    with connection.cursor() as cursor:
        cursor.execute("SELECT r::text FROM surveys_response r")
        responses = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT a::text FROM surveys_answer a")
        answers_ = [row[0] for row in cursor.fetchall()]

    assert len(responses) == threshold + 1 and answers_
    for row in responses + answers_:
        assert VILLAGE not in row
        assert "203.0.113" not in row


def test_the_cache_holds_no_plain_address(client, open_questionnaire, threshold):
    burst(client, open_questionnaire, threshold)
    assert send(client, open_questionnaire).status_code == 200

    stored = cache_contents()

    assert stored, "the rate is counted in the cache"
    for key, value in stored:
        assert VILLAGE not in key and VILLAGE not in value
        assert "203.0.113" not in key and "203.0.113" not in value


def cache_contents():
    """Every key and value in the cache, as text: Redis in the test run, or local memory."""
    backend = cache._cache
    if hasattr(backend, "get_client"):
        redis = backend.get_client()
        return [(key.decode(), repr(redis.dump(key))) for key in redis.keys("*")]
    return [(key, repr(value)) for key, value in backend.items()]
