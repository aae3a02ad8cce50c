"""Blind double scoring: the second score verifies an observation or leaves it disputed, the
coordinator reconciles with a reason, every score change is in the history, and the second scorer
never sees the first score or who gave it."""

import re

import pytest
from django.urls import reverse

from ivanovo_portal.accounts.roles import Role
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused
from monitoring.models import Membership, Observation, Round, SecondScore
from monitoring.services.verification import reconcile, second_score
from tests.conftest import make_user

from .conftest import build_round
from .scoring import observe

Status = Observation.Status


@pytest.fixture
def author(round_):
    """A monitor of the round with a name nobody else on the page has."""
    person = make_user("author", Role.NGO_MONITOR, first_name="Зографина", last_name="Първанова")
    Membership.objects.create(round=round_, user=person, role=Membership.Role.MONITOR)
    return person


@pytest.fixture
def observation(round_, author, village):
    return observe(round_, "T2", village, author, score=0)


def _disputed(observation, scorer, note="Страницата е обновена през октомври."):
    """``observation`` scored 2 by ``scorer``, against whatever its first score was."""
    SecondScore.objects.create(observation=observation, scorer=scorer, score=2, note=note)
    Observation.objects.filter(pk=observation.pk).update(status=Status.DISPUTED)
    observation.refresh_from_db()
    return observation


# Second scores


def test_the_same_score_verifies_the_observation(observation, monitor):
    scored = second_score(observation, user=monitor, score=0)
    assert scored.status == Status.VERIFIED
    assert (scored.final_score, scored.final_not_applicable) == (0, False)
    assert scored.verified_at is not None


def test_both_not_applicable_verifies_it_as_not_applicable(round_, author, village, monitor):
    observation = observe(round_, "T2", village, author, not_applicable=True)
    scored = second_score(observation, user=monitor, not_applicable=True)
    assert scored.status == Status.VERIFIED
    assert scored.final_not_applicable and scored.final_score is None


def test_a_different_score_leaves_it_to_the_coordinator(observation, monitor):
    scored = second_score(observation, user=monitor, score=1, note="Частично.")
    assert scored.status == Status.DISPUTED
    assert scored.final_score is None
    assert scored.second_score.note == "Частично."


def test_a_score_against_not_applicable_differs(round_, author, village, monitor):
    observation = observe(round_, "T2", village, author, not_applicable=True)
    assert second_score(observation, user=monitor, score=0).status == Status.DISPUTED


def test_the_second_score_is_in_the_history(observation, monitor):
    second_score(observation, user=monitor, score=1, note="Частично.")
    entry = Entry.objects.get(action="monitoring.second_scored", object_id=observation.pk)
    assert entry.actor == monitor
    assert entry.changes["second_score"] == ["", "1"]
    assert entry.changes["status"] == [str(Status.SUBMITTED.label), str(Status.DISPUTED.label)]
    assert entry.reason == "Частично."


def test_nobody_scores_their_own_finding_twice(observation, author, english):
    with pytest.raises(Refused, match="another monitor"):
        second_score(observation, user=author, score=0)


def test_a_monitor_of_another_round_may_not_score(observation, framework_version, english):
    stranger = make_user("stranger", Role.NGO_MONITOR)
    build_round(framework_version, slug="other", members=[(stranger, Membership.Role.MONITOR)])
    with pytest.raises(Refused, match="another monitor"):
        second_score(observation, user=stranger, score=0)


def test_the_coordinator_may_give_the_second_score(observation, staff):
    assert second_score(observation, user=staff, score=0).status == Status.VERIFIED


def test_a_score_outside_the_scale_is_refused(observation, monitor, english):
    with pytest.raises(Refused, match="0, 1, 2") as refused:
        second_score(observation, user=monitor, score=3)
    assert refused.value.field == "score"
    assert not SecondScore.objects.exists()


def test_not_applicable_is_refused_where_the_criterion_applies(
    round_, author, centre, monitor, english
):
    observation = observe(round_, "T1", centre, author, score=1)
    with pytest.raises(Refused, match="applies everywhere"):
        second_score(observation, user=monitor, not_applicable=True)


def test_an_observation_is_scored_a_second_time_once(observation, monitor, staff, english):
    second_score(observation, user=monitor, score=1)
    with pytest.raises(Refused, match="not waiting"):
        second_score(observation, user=staff, score=1)


def test_no_second_score_once_the_municipality_sees_the_findings(
    observation, round_, monitor, english
):
    Round.objects.filter(pk=round_.pk).update(status=Round.Status.REPLY)
    with pytest.raises(Refused, match="fieldwork and verification"):
        second_score(observation, user=monitor, score=0)


# Reconciling


def test_the_coordinator_reconciles_with_a_reason(observation, monitor, staff):
    _disputed(observation, monitor)

    final = reconcile(observation, user=staff, score=1, reason="Отчасти публикувано.")

    assert final.status == Status.VERIFIED
    assert (final.final_score, final.reconciled_by, final.reconciliation) == (
        1,
        staff,
        "Отчасти публикувано.",
    )
    entry = Entry.objects.get(action="monitoring.scores_reconciled")
    assert entry.changes["final_score"] == ["", "1"]
    assert entry.reason == "Отчасти публикувано."


def test_a_reconciliation_needs_a_reason(observation, monitor, staff, english):
    _disputed(observation, monitor)
    with pytest.raises(Refused, match="Say why") as refused:
        reconcile(observation, user=staff, score=1, reason="   ")
    assert refused.value.field == "reason"


def test_only_the_coordinator_reconciles(observation, monitor, monitor2, english):
    _disputed(observation, monitor)
    with pytest.raises(Refused, match="coordinator"):
        reconcile(observation, user=monitor2, score=1, reason="Така мисля.")


def test_only_differing_scores_are_reconciled(observation, staff, english):
    with pytest.raises(Refused, match="differ"):
        reconcile(observation, user=staff, score=1, reason="Така.")


# The second-score pages are blind


def _page(client, url):
    """The page without its CSRF token, which changes from one request to the next."""
    html = client.get(url).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_the_second_score_page_never_shows_the_first_score(client, observation, monitor):
    client.force_login(monitor)
    url = reverse("monitoring:second_score", args=[observation.round.slug, observation.pk])
    with_zero = _page(client, url)
    Observation.objects.filter(pk=observation.pk).update(score=2)
    with_two = _page(client, url)
    Observation.objects.filter(pk=observation.pk).update(score=None, not_applicable=True)
    not_applicable = _page(client, url)

    assert with_zero == with_two == not_applicable
    assert "checked" not in with_zero
    assert observation.finding in with_zero


@pytest.mark.parametrize("name", ["second_score_list", "second_score"])
def test_the_second_score_pages_never_name_the_author(client, observation, monitor, name):
    client.force_login(monitor)
    args = [observation.round.slug] + ([observation.pk] if name == "second_score" else [])
    html = client.get(reverse(f"monitoring:{name}", args=args)).content.decode()
    assert "Зографина" not in html and "Първанова" not in html and "author" not in html


def test_a_monitor_sees_no_observation_of_their_own_to_score(
    client, round_, observation, author, monitor
):
    client.force_login(author)
    page = client.get(reverse("monitoring:second_score_list", args=[round_.slug]))
    assert list(page.context["observations"]) == []
    client.force_login(monitor)
    page = client.get(reverse("monitoring:second_score_list", args=[round_.slug]))
    assert list(page.context["observations"]) == [observation]


def test_a_second_score_through_the_page(client, observation, monitor):
    client.force_login(monitor)
    url = reverse("monitoring:second_score", args=[observation.round.slug, observation.pk])

    response = client.post(url, {"score": "0", "note": "Няма публикация."})

    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.status == Status.VERIFIED
    # Once it has its second score, the observation is no longer there to score.
    assert client.get(url).status_code == 404


def test_a_page_without_a_score_says_so_by_the_field(client, observation, monitor):
    client.force_login(monitor)
    url = reverse("monitoring:second_score", args=[observation.round.slug, observation.pk])
    response = client.post(url, {"note": "Забравих оценката."})
    assert response.status_code == 200
    assert "score" in response.context["form"].errors
    assert "Забравих оценката." in response.content.decode()
    assert not SecondScore.objects.exists()


def test_the_reconcile_page_shows_both_scores_their_scorers_and_the_note(
    client, observation, monitor, staff
):
    _disputed(observation, monitor)
    client.force_login(staff)
    page = client.get(
        reverse("monitoring:reconcile", args=[observation.round.slug, observation.pk])
    ).content.decode()
    assert "Зографина" in page and str(monitor) in page
    assert "Страницата е обновена през октомври." in page


def test_reconciling_through_the_page(client, observation, monitor, staff):
    _disputed(observation, monitor)
    client.force_login(staff)
    response = client.post(
        reverse("monitoring:reconcile", args=[observation.round.slug, observation.pk]),
        {"score": "2", "reason": "Проверих отново страницата."},
    )
    assert response.status_code == 302
    observation.refresh_from_db()
    assert (observation.status, observation.final_score) == (Status.VERIFIED, 2)


PERSONAS = ["anonymous", "resident", "author", "monitor", "other_monitor", "official", "staff"]


@pytest.fixture
def people(round_, author, monitor, resident, official, staff, framework_version):
    other_monitor = make_user("monitor3", Role.NGO_MONITOR)
    build_round(framework_version, slug="other", members=[(other_monitor, "monitor")])
    return {
        "anonymous": None,
        "resident": resident,
        "author": author,
        "monitor": monitor,
        "other_monitor": other_monitor,
        "official": official,
        "staff": staff,
    }


def _who_may(screen, persona, status):
    """Members of the round find nothing to score outside fieldwork and verification; the author
    may never score their own observation, nor anyone but the coordinator reconcile."""
    if persona == "anonymous":
        return 302
    members = {"second_score": {"author", "monitor", "staff"}, "reconcile": {"staff"}}[screen]
    if persona not in members:
        return 403
    if status not in (Round.Status.FIELDWORK, Round.Status.VERIFICATION):
        return 404
    return 403 if persona == "author" else 200


@pytest.mark.parametrize("status", list(Round.Status))
@pytest.mark.parametrize("screen", ["second_score", "reconcile"])
def test_who_may_score_at_each_status(client, round_, observation, people, screen, status):
    if screen == "reconcile":
        _disputed(observation, people["monitor"])
    Round.objects.filter(pk=round_.pk).update(status=status)
    url = reverse(f"monitoring:{screen}", args=[round_.slug, observation.pk])
    for persona in PERSONAS:
        client.logout()
        if people[persona]:
            client.force_login(people[persona])
        assert client.get(url).status_code == _who_may(screen, persona, status), persona


def test_the_lists_take_few_queries_however_many_observations(
    client, round_, author, monitor, staff, django_assert_max_num_queries
):
    for settlement in Settlement.objects.all()[:10]:
        observe(round_, "P2", settlement, author, score=1)
        disputed = observe(round_, "T2", settlement, author, score=0)
        _disputed(disputed, monitor)
    client.force_login(monitor)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("monitoring:second_score_list", args=[round_.slug]))
    assert len(page.context["observations"]) == 10
    client.force_login(staff)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("monitoring:reconcile_list", args=[round_.slug]))
    assert len(page.context["observations"]) == 10


# What awaits


def test_what_awaits_lists_second_scores_and_disputes(
    client, round_, observation, monitor, staff, village
):
    _disputed(observe(round_, "P2", village, monitor, score=1), staff)
    client.force_login(staff)
    page = client.get(reverse("accounts:awaiting")).content.decode()
    assert reverse("monitoring:second_score_list", args=[round_.slug]) in page
    assert reverse("monitoring:reconcile_list", args=[round_.slug]) in page
    client.force_login(monitor)
    page = client.get(reverse("accounts:awaiting")).content.decode()
    assert reverse("monitoring:second_score_list", args=[round_.slug]) in page
    assert reverse("monitoring:reconcile_list", args=[round_.slug]) not in page
