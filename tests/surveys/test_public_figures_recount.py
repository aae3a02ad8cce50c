"""The figures frozen for the public equal a fresh count of the rows: random responses of every
kind, from several settlements (and none), online, on paper and in interviews, some discarded,
are published, then more arrive and the figures are refreshed. The count here is written apart
from ``surveys.results`` (plain Python over the rows), so a wrong frozen figure fails it."""

import random
import uuid
from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.places.models import Settlement
from surveys.models import Answer, Question, Questionnaire, Response
from surveys.services import questionnaires, responses

from .conftest import collect, field_name

pytestmark = pytest.mark.django_db

SEED = 20230726
PLACES = ["ivanovo", "krasen", "mechka", "nisovo", None]
TEXTS = ["Пътищата", "Автобус до Русе", "Повече информация", "Нищо"]
# Kinds with several answer rows per respondent: their respondents are counted apart.
SPREAD = {"multiple", "matrix"}


def random_data(rng, question, settlements):
    """One respondent's answers to the shared questionnaire, as its form posts them."""
    q = {code: question(code) for code in [f"Q{n}" for n in range(1, 11)]}
    place = rng.choice(PLACES)
    data = {
        field_name(q["Q2"]): rng.choice(["yes", "no"]),
        field_name(q["Q4"]): rng.choice(["16", "42", "42,5", "67", "110"]),
        field_name(q["Q6"]): rng.choice(["site", "mayor", "tv", "__other__"]),
        field_name(q["Q7"]): rng.sample(["roads", "water", "jobs"], rng.randint(1, 3)),
        field_name(q["Q8"]): str(rng.randint(1, 5)),
        **{field_name(q["Q9"], f"_{row.pk}"): str(rng.randint(1, 5)) for row in q["Q9"].rows.all()},
    }
    if place:
        data[field_name(q["Q1"])] = str(settlements[place])
    if data[field_name(q["Q2"])] == "yes" and rng.random() < 0.7:
        data[field_name(q["Q3"])] = rng.choice(TEXTS)
    if rng.random() < 0.5:
        data[field_name(q["Q5"])] = f"2023-0{rng.randint(1, 6)}-1{rng.randint(0, 9)}"
    if data[field_name(q["Q6"])] == "__other__":
        data[field_name(q["Q6"], "_other")] = rng.choice(TEXTS)
    if rng.random() < 0.2:
        data[field_name(q["Q7"], "_other")] = rng.choice(TEXTS)
    if rng.random() < 0.3:
        data[field_name(q["Q10"])] = rng.choice(TEXTS)
    return data


@pytest.fixture
def send(questionnaire, question):
    """Send ``count`` random responses through the answering form and the service, the way
    respondents and staff typing in paper forms and interviews do."""
    Question.objects.filter(pk=question("Q1").pk).update(required=False)  # a settlement or none
    opened = timezone.now() - timedelta(days=40)
    Questionnaire.objects.filter(pk=questionnaire.pk).update(created_at=opened)
    questionnaire.refresh_from_db()
    settlements = dict(Settlement.objects.values_list("slug", "pk"))
    rng = random.Random(SEED)

    def send(count):
        for number in range(count):
            collected = collect(questionnaire, random_data(rng, question, settlements))
            assert collected.is_valid, collected.error_items
            channel = rng.choice(["online"] * 3 + ["paper", "interview"])
            on_paper = channel != "online"
            response, created = responses.submit_response(
                questionnaire,
                collected.answers,
                channel=channel,
                submission_key=uuid.uuid4(),
                filled_on=timezone.localdate() - timedelta(days=rng.randint(0, 30))
                if on_paper
                else None,
                form_number=f"{channel}-{rng.getrandbits(32)}-{number}" if on_paper else "",
            )
            assert created
            if not on_paper:
                moment = timezone.now() - timedelta(days=rng.randint(0, 30), minutes=number)
                Response.objects.filter(pk=response.pk).update(submitted_at=moment)

    return send


def discard_some(questionnaire, rng, count, staff):
    counted = list(Response.objects.counted().filter(questionnaire=questionnaire))
    chosen = [r.pk for r in rng.sample(counted, count)]
    responses.discard_responses(
        Response.objects.filter(pk__in=chosen), by=staff, reason="Изпратени два пъти"
    )


def fresh_count(questionnaire):
    """The public figures counted from the rows: respondents, the last response, the first and
    last day answers were given, and for each settlement (or None) the responses by channel, the
    respondents of each multiple-choice and matrix question, and the answers by question, row,
    option, settlement, number and date."""
    kept = list(Response.objects.filter(questionnaire=questionnaire, discarded_at__isnull=True))
    place_of = {response.pk: response.settlement_id for response in kept}
    spread = set(
        Question.objects.filter(section__questionnaire=questionnaire, kind__in=SPREAD).values_list(
            "pk", flat=True
        )
    )
    summary, counts = defaultdict(Counter), defaultdict(Counter)
    respondents = defaultdict(lambda: defaultdict(set))
    for response in kept:
        summary[response.settlement_id][response.channel, response.settlement_id] += 1
    for answer in Answer.objects.filter(response_id__in=place_of):
        place = place_of[answer.response_id]
        number = None if answer.number is None else str(answer.number)
        day = None if answer.date is None else answer.date.isoformat()
        key = (answer.question_id, answer.row_id, answer.choice_id, answer.settlement_id)
        counts[place][*key, number, day] += 1
        if answer.question_id in spread:
            respondents[place][answer.question_id].add(answer.response_id)
    days = [r.filled_on or timezone.localdate(r.submitted_at) for r in kept]
    return {
        "respondents": len(kept),
        "last_response": max(place_of),
        "first": min(days).isoformat(),
        "last": max(days).isoformat(),
        "by_place": {
            place: {
                "summary": summary[place],
                "answered": {q: len(ids) for q, ids in respondents[place].items()},
                "counts": counts[place],
            }
            for place in summary
        },
    }


def frozen(questionnaire):
    """The figures the public sees, as stored, in the shape of ``fresh_count``."""
    figures = Questionnaire.objects.get(pk=questionnaire.pk).public_figures
    return {
        **{key: figures[key] for key in ["respondents", "last_response", "first", "last"]},
        "by_place": {
            place: {
                "summary": Counter({(channel, at): n for channel, at, n in part["summary"]}),
                "answered": dict(part["answered"]),
                "counts": Counter({tuple(row[:6]): row[6] for row in part["counts"]}),
            }
            for place, part in figures["by_place"]
        },
    }


def public_respondents(client, questionnaire):
    return client.get(reverse("surveys:open_data", args=[questionnaire.slug])).json()["respondents"]


def test_the_public_figures_equal_a_fresh_count_when_published_and_refreshed(
    client, questionnaire, send, staff
):
    rng = random.Random(SEED + 1)
    send(60)
    discard_some(questionnaire, rng, 6, staff)

    questionnaires.publish_results(questionnaire)

    published = fresh_count(questionnaire)
    assert frozen(questionnaire) == published
    assert len(published["by_place"]) == len(PLACES)
    assert public_respondents(client, questionnaire) == 54

    send(12)
    discard_some(questionnaire, rng, 3, staff)
    assert frozen(questionnaire) == published != fresh_count(questionnaire)

    questionnaires.refresh_public_figures(questionnaire, user=staff)

    assert frozen(questionnaire) == fresh_count(questionnaire)
    assert public_respondents(client, questionnaire) == 63
