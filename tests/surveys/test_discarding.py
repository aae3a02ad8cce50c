"""Responses are never deleted or changed in the admin; staff discard them with a reason on record
(a burst from one address, a paper form typed twice), and a discarded response counts nowhere."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused
from surveys.models import Answer, Response
from surveys.results.figures import results_for
from surveys.results.progress import quota_progress
from surveys.services import responses
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def superuser_client(db):
    browser = Client()
    browser.force_login(make_user("root", is_staff=True, is_superuser=True))
    return browser


@pytest.fixture
def admin_staff_client(staff, staff_client):
    """Staff who may open the admin (``is_staff``)."""
    staff.is_staff = True
    staff.save()
    return staff_client


@pytest.fixture
def two_bursts(questionnaire, respond):
    """Three honest responses, then two bursts marked suspect an hour apart: four from Красен
    in five minutes and two from Мечка."""
    start = timezone.now() - timedelta(hours=3)
    honest = [respond(Q1="ivanovo", submitted_at=start) for _ in range(3)]
    first = [
        respond(Q1="krasen", submitted_at=start + timedelta(hours=1, minutes=minute))
        for minute in range(4)
    ]
    second = [
        respond(Q1="mechka", submitted_at=start + timedelta(hours=2, minutes=minute))
        for minute in (0, 10)
    ]
    Response.objects.filter(pk__in=[r.pk for r in first + second]).update(suspect=True)
    return honest, first, second


def admin_url(name, *args):
    return reverse(f"admin:surveys_{name}", args=args)


# The admin


@pytest.mark.parametrize("browser", ["superuser_client", "admin_staff_client"])
def test_nobody_deletes_or_changes_a_response_in_the_admin(
    request, browser, questionnaire, respond
):
    browser = request.getfixturevalue(browser)
    response = respond(Q6="tv", Q10="Повече автобуси")
    answer = response.answers.first()

    assert browser.get(admin_url("response_delete", response.pk)).status_code == 403
    assert (
        browser.post(admin_url("response_delete", response.pk), {"post": "yes"}).status_code == 403
    )
    assert browser.get(admin_url("answer_delete", answer.pk)).status_code == 403
    change = browser.get(admin_url("response_change", response.pk))
    assert change.status_code == 200 and 'name="_save"' not in change.text
    assert browser.post(admin_url("response_change", response.pk), {}).status_code == 403
    listing = browser.get(admin_url("response_changelist"))
    assert "delete_selected" not in listing.text
    bulk = {"action": "delete_selected", "_selected_action": [response.pk], "post": "yes"}
    browser.post(admin_url("response_changelist"), bulk)
    browser.post(admin_url("answer_changelist"), {**bulk, "_selected_action": [answer.pk]})

    assert Response.objects.filter(pk=response.pk).exists()
    assert Answer.objects.filter(pk=answer.pk).exists()


def test_the_admin_lists_responses_by_burst_and_discarded(superuser_client, two_bursts, staff):
    honest, _first, _second = two_bursts
    responses.discard_responses(Response.objects.filter(pk=honest[0].pk), by=staff, reason="Двойна")

    suspect = superuser_client.get(admin_url("response_changelist"), {"suspect__exact": "1"})
    discarded = superuser_client.get(admin_url("response_changelist"), {"discarded": "yes"})

    assert suspect.context["cl"].result_count == 6
    assert list(discarded.context["cl"].result_list) == [honest[0]]


# The service


def test_discarding_records_who_when_and_why_and_the_response_counts_nowhere(
    questionnaire, respond, staff
):
    kept, duplicate = respond(Q1="krasen", Q8="4"), respond(Q1="krasen", Q8="2")
    before = timezone.now()

    count = responses.discard_responses(
        Response.objects.filter(pk=duplicate.pk),
        by=staff,
        reason="  Формуляр П-7 въведен два пъти ",
    )

    duplicate.refresh_from_db()
    assert count == 1
    assert duplicate.discarded_by == staff
    assert duplicate.discard_reason == "Формуляр П-7 въведен два пъти"
    assert before <= duplicate.discarded_at <= timezone.now()
    assert duplicate.answers.exists()  # kept, not erased
    results = results_for(questionnaire)
    assert results.respondents == 1
    krasen = dict(quota_progress(questionnaire).questionnaires[0].settlements)[kept.settlement]
    assert krasen.count == 1
    assert kept.pk in _exported_ids(questionnaire) and duplicate.pk not in _exported_ids(
        questionnaire
    )


def _exported_ids(questionnaire):
    from surveys.exports import csv_lines

    text = "".join(csv_lines(questionnaire)).lstrip("\ufeff")
    return {int(row["response_id"]) for row in csv.DictReader(io.StringIO(text))}


def test_discarding_needs_a_reason(questionnaire, respond, staff):
    response = respond(Q1="krasen")

    with pytest.raises(Refused) as refused:
        responses.discard_responses(Response.objects.filter(pk=response.pk), by=staff, reason="  ")

    assert refused.value.field == "reason"
    assert Response.objects.counted().count() == 1


def test_a_response_is_discarded_once(questionnaire, respond, staff):
    first, second = respond(Q1="krasen"), respond(Q1="krasen")
    responses.discard_responses(Response.objects.filter(pk=first.pk), by=staff, reason="Двойна")

    with pytest.raises(Refused, match="already been discarded"):
        responses.discard_responses(
            Response.objects.filter(pk__in=[first.pk, second.pk]), by=staff, reason="Пак"
        )

    first.refresh_from_db()
    assert first.discard_reason == "Двойна"
    assert Response.objects.counted().get() == second


# The screens


def test_the_bursts_screen_groups_suspect_responses_by_time(
    staff_client, questionnaire, two_bursts
):
    page = staff_client.get(reverse("surveys:bursts", args=[questionnaire.slug]))

    bursts = page.context["bursts"]
    assert [burst.count for burst in bursts] == [2, 4]  # the latest first
    assert bursts[1].settlements() == [(Settlement.objects.get(slug="krasen"), 4)]
    assert bursts[0].channels() == [("Online", 2)]
    assert "4 responses" in page.text and "Krasen: 4" in page.text


def test_staff_discard_a_whole_burst_with_a_reason(staff_client, questionnaire, two_bursts, staff):
    honest, first, second = two_bursts
    burst = staff_client.get(reverse("surveys:bursts", args=[questionnaire.slug])).context[
        "bursts"
    ][1]
    data = {
        "first": burst.first.isoformat(),
        "last": burst.last.isoformat(),
        "reason": "Четири за пет минути от една връзка, все Красен",
    }

    response = staff_client.post(reverse("surveys:discard_burst", args=[questionnaire.slug]), data)

    assert response.status_code == 302
    discarded = Response.objects.filter(discarded_at__isnull=False)
    assert set(discarded) == set(first)
    assert {r.discarded_by for r in discarded} == {staff}
    assert Response.objects.counted().count() == len(honest) + len(second)


def test_a_burst_is_not_discarded_without_a_reason(staff_client, questionnaire, two_bursts):
    burst = staff_client.get(reverse("surveys:bursts", args=[questionnaire.slug])).context[
        "bursts"
    ][0]
    data = {"first": burst.first.isoformat(), "last": burst.last.isoformat(), "reason": " "}

    page = staff_client.post(reverse("surveys:discard_burst", args=[questionnaire.slug]), data)

    assert page.status_code == 200
    assert "Write why the responses are discarded" in page.text
    assert not Response.objects.filter(discarded_at__isnull=False).exists()


def test_staff_discard_a_paper_form_typed_twice_from_the_entries_list(
    staff_client, questionnaire, respond
):
    kept, twice = respond(Q1="krasen", channel="paper"), respond(Q1="krasen", channel="paper")
    entries = reverse("surveys:entries", args=[questionnaire.slug])
    discard = reverse("surveys:discard_response", args=[questionnaire.slug, twice.pk])
    assert f"{discard}?back=entries" in staff_client.get(entries).text

    too_long = staff_client.post(f"{discard}?back=entries", {"reason": "x" * 1001})
    assert "at most 1000 characters" in too_long.text and "x" * 1001 in too_long.text
    response = staff_client.post(f"{discard}?back=entries", {"reason": "Въведен два пъти"})

    assert response.status_code == 302 and response["Location"] == entries
    twice.refresh_from_db()
    assert twice.discard_reason == "Въведен два пъти"
    assert "no, discarded: Въведен два пъти" in staff_client.get(entries).text
    assert Response.objects.counted().get() == kept


SCREENS = ["bursts", "discard_burst", "discard_response"]


def _visit(browser, screen, questionnaire, response):
    if screen == "bursts":
        return browser.get(reverse("surveys:bursts", args=[questionnaire.slug]))
    if screen == "discard_burst":
        now = timezone.now().isoformat()
        data = {"first": now, "last": now, "reason": "Проба"}
        return browser.post(reverse("surveys:discard_burst", args=[questionnaire.slug]), data)
    url = reverse("surveys:discard_response", args=[questionnaire.slug, response.pk])
    return browser.post(url, {"reason": "Проба"})


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("staff", True), ("monitor", False), ("official", False), ("outsider", False), (None, False)],
)
def test_only_staff_review_and_discard_responses(
    request, client, questionnaire, respond, screen, persona, allowed
):
    response = respond(Q1="krasen")
    Response.objects.filter(pk=response.pk).update(suspect=True)
    if persona:
        client.force_login(request.getfixturevalue(persona))

    answer = _visit(client, screen, questionnaire, response)

    response.refresh_from_db()
    if allowed:
        assert answer.status_code in (200, 302)
    elif persona:
        assert answer.status_code == 403
        assert response.discarded_at is None
    else:
        assert answer.status_code == 302 and reverse("accounts:login") in answer["Location"]
        assert response.discarded_at is None
