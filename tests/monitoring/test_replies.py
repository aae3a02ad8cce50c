"""The municipality's right of reply: officials answer verified findings during it, change their
answers until the deadline, and an answer after it is taken but shown as late."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.audit.models import Entry
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused
from monitoring.models import Observation, Reply, Round
from monitoring.services.replies import ReplyState, answer, reply_state

from .scoring import observe, replied, verified

DEADLINE = date(2026, 12, 15)


@pytest.fixture
def in_reply(round_):
    Round.objects.filter(pk=round_.pk).update(
        status=Round.Status.REPLY, reply_deadline=timezone.localdate() + timedelta(days=3)
    )
    round_.refresh_from_db()
    return round_


@pytest.fixture
def finding(in_reply, monitor, village):
    return verified(in_reply, "T2", village, monitor, score=1)


def _past_deadline(round_):
    Round.objects.filter(pk=round_.pk).update(
        reply_deadline=timezone.localdate() - timedelta(days=1)
    )


def _on(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


# Reply states


def test_a_finding_without_a_reply_is_missing(finding):
    assert reply_state(finding) == ReplyState.MISSING


def test_a_reply_on_the_deadline_is_in_time(round_, monitor, official, centre):
    Round.objects.filter(pk=round_.pk).update(reply_deadline=DEADLINE)
    observation = verified(round_, "T1", centre, monitor)
    replied(observation, official, at=_on(DEADLINE))
    observation = Observation.objects.select_related("round", "reply").get(pk=observation.pk)
    assert reply_state(observation) == ReplyState.ON_TIME


def test_a_reply_the_day_after_the_deadline_is_late(round_, monitor, official, centre):
    Round.objects.filter(pk=round_.pk).update(reply_deadline=DEADLINE)
    observation = verified(round_, "T1", centre, monitor)
    replied(observation, official, at=_on(DEADLINE + timedelta(days=1)))
    observation = Observation.objects.select_related("round", "reply").get(pk=observation.pk)
    assert reply_state(observation) == ReplyState.LATE


# Answering


def test_an_official_answers_a_verified_finding(finding, official):
    reply = answer(finding, user=official, text="Страницата вече е обновена.")
    assert (reply.text, reply.official) == ("Страницата вече е обновена.", official)
    entry = Entry.objects.get(action="monitoring.reply_given", object_id=finding.pk)
    assert entry.changes == {"reply": ["", "Страницата вече е обновена."]}


def test_the_reply_changes_until_the_deadline_with_its_history(finding, official):
    answer(finding, user=official, text="Първи отговор.")
    answer(finding, user=official, text="Поправен отговор.")
    assert Reply.objects.get(observation=finding).text == "Поправен отговор."
    entry = Entry.objects.get(action="monitoring.reply_changed")
    assert entry.changes == {"reply": ["Първи отговор.", "Поправен отговор."]}


def test_after_the_deadline_a_reply_is_taken_and_late(finding, official):
    _past_deadline(finding.round)
    answer(finding, user=official, text="Закъснял отговор.")
    observation = Observation.objects.select_related("round", "reply").get(pk=finding.pk)
    assert reply_state(observation) == ReplyState.LATE


def test_after_the_deadline_a_reply_no_longer_changes(finding, official, english):
    answer(finding, user=official, text="Отговор.")
    _past_deadline(finding.round)
    with pytest.raises(Refused, match="can no longer be changed"):
        answer(finding, user=official, text="Друг отговор.")
    assert Reply.objects.get(observation=finding).text == "Отговор."


def test_an_empty_reply_is_refused_by_its_field(finding, official, english):
    with pytest.raises(Refused, match="Write the reply") as refused:
        answer(finding, user=official, text="  ")
    assert refused.value.field == "text"


def test_only_verified_findings_are_answered(in_reply, monitor, official, centre, english):
    observation = observe(in_reply, "T1", centre, monitor)
    with pytest.raises(Refused, match="Only verified"):
        answer(observation, user=official, text="Отговор.")


@pytest.mark.parametrize("status", [Round.Status.VERIFICATION, Round.Status.PUBLISHED])
def test_no_answer_outside_the_right_of_reply(finding, official, status, english):
    Round.objects.filter(pk=finding.round_id).update(status=status)
    with pytest.raises(Refused, match="right of reply"):
        answer(finding, user=official, text="Отговор.")


def test_a_monitor_does_not_answer_for_the_municipality(finding, monitor2, english):
    with pytest.raises(Refused, match="right of reply"):
        answer(finding, user=monitor2, text="Отговор.")


# The pages


def test_the_list_shows_the_deadline_and_how_many_are_answered(
    client, in_reply, finding, monitor, official, centre
):
    replied(verified(in_reply, "T1", centre, monitor), official)
    client.force_login(official)
    response = client.get(reverse("monitoring:reply_list"))
    (shown,) = response.context["rounds"]
    assert (shown.finding_count, shown.answered_count) == (2, 1)
    assert f"{in_reply.reply_deadline:%d.%m.%Y}" in response.content.decode()


def test_the_round_shows_each_finding_with_its_score_and_reply_state(
    client, in_reply, finding, official, english
):
    client.force_login(official)
    page = client.get(reverse("monitoring:reply_round", args=[in_reply.slug])).content.decode()
    assert finding.finding in page
    assert "1 – частично" in page
    assert "no reply" in page


def test_an_official_replies_through_the_form(client, in_reply, finding, official):
    client.force_login(official)
    url = reverse("monitoring:reply", args=[in_reply.slug, finding.pk])
    response = client.post(url, {"text": "Ще бъде публикувано до края на месеца."})
    assert response.status_code == 302
    assert Reply.objects.get(observation=finding).official == official
    assert "Ще бъде публикувано" in client.get(url).content.decode()


def test_after_the_deadline_the_page_says_the_reply_no_longer_changes(
    client, in_reply, finding, official, english
):
    client.force_login(official)
    answer(finding, user=official, text="Отговор.")
    _past_deadline(in_reply)
    response = client.post(
        reverse("monitoring:reply", args=[in_reply.slug, finding.pk]), {"text": "Нов текст."}
    )
    assert response.status_code == 200
    assert "can no longer be changed" in response.content.decode()
    assert Reply.objects.get(observation=finding).text == "Отговор."


def test_a_refused_reply_keeps_what_was_typed(client, in_reply, finding, official):
    client.force_login(official)
    response = client.post(
        reverse("monitoring:reply", args=[in_reply.slug, finding.pk]), {"text": "   "}
    )
    assert response.status_code == 200
    assert "text" in response.context["form"].errors
    assert not Reply.objects.exists()


def test_a_finding_not_verified_has_no_reply_page(client, in_reply, monitor, official, centre):
    observation = observe(in_reply, "T1", centre, monitor)
    client.force_login(official)
    url = reverse("monitoring:reply", args=[in_reply.slug, observation.pk])
    assert client.get(url).status_code == 404


def test_the_findings_take_few_queries_however_many(
    client, in_reply, monitor, official, django_assert_max_num_queries
):
    for settlement in Settlement.objects.all()[:10]:
        replied(verified(in_reply, "P2", settlement, monitor), official)
        verified(in_reply, "T2", settlement, monitor)
    client.force_login(official)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("monitoring:reply_round", args=[in_reply.slug]))
    assert len(response.context["findings"]) == 20


PERSONAS = ["anonymous", "resident", "monitor", "official", "staff"]


@pytest.mark.parametrize("status", list(Round.Status))
def test_who_may_open_the_reply_form_at_each_status(
    client, round_, monitor, resident, official, staff, village, status
):
    observation = verified(round_, "T2", village, monitor)
    Round.objects.filter(pk=round_.pk).update(status=status, reply_deadline=DEADLINE)
    people = {
        "anonymous": None,
        "resident": resident,
        "monitor": monitor,
        "official": official,
        "staff": staff,
    }
    url = reverse("monitoring:reply", args=[round_.slug, observation.pk])
    for persona in PERSONAS:
        client.logout()
        if people[persona]:
            client.force_login(people[persona])
        expected = (
            302
            if persona == "anonymous"
            else 403
            if persona not in ("official", "staff")
            else 200
            if status == Round.Status.REPLY
            else 404
        )
        assert client.get(url).status_code == expected, persona


# What awaits


def test_what_awaits_the_municipality_lists_unanswered_findings_with_the_deadline(
    client, in_reply, finding, official
):
    client.force_login(official)
    page = client.get(reverse("accounts:awaiting")).content.decode()
    assert reverse("monitoring:reply_round", args=[in_reply.slug]) in page
    assert f"{in_reply.reply_deadline:%d.%m.%Y}" in page


def test_what_awaits_forgets_a_round_whose_findings_are_all_answered(
    client, in_reply, finding, official
):
    replied(finding, official)
    client.force_login(official)
    page = client.get(reverse("accounts:awaiting")).content.decode()
    assert reverse("monitoring:reply_round", args=[in_reply.slug]) not in page
