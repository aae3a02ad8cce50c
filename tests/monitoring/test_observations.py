"""Observations: drafts saved as monitors type, submitted with a date, a finding and a score;
every refusal saves nothing; a monitor sees and edits only their own; the screens by persona."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.audit.models import Entry
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused
from monitoring.models import Channel, Criterion, Observation, Round
from monitoring.services.observations import save_draft, submit
from tests.conftest import make_user

Status = Observation.Status


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def current(round_, today):
    """The fieldwork round, its period around today so that dates in it may be in the past."""
    Round.objects.filter(pk=round_.pk).update(
        period_start=today - timedelta(days=60), period_end=today + timedelta(days=30)
    )
    round_.refresh_from_db()
    return round_


def criterion(round_, code):
    return Criterion.objects.get(area__version=round_.version, code=code)


def draft(round_, user, code, settlement, **fields):
    return save_draft(
        round_, criterion=criterion(round_, code), settlement=settlement, user=user, **fields
    )


def test_a_draft_is_created_then_updated(current, monitor, village, today):
    first = draft(current, monitor, "P2", village, finding="Няма обява.")
    second = draft(current, monitor, "P2", village, finding="Няма обява.", score=1)

    assert first.pk == second.pk
    second.refresh_from_db()
    assert (second.status, second.score, second.channel) == (Status.DRAFT, 1, Channel.ONLINE)
    assert Observation.objects.count() == 1


@pytest.mark.parametrize(
    "code, settlement_name, fields, field",
    [
        ("P2", "village", {"score": 3}, "score"),
        ("P2", "village", {"not_applicable": True}, "not_applicable"),
        ("T2", "village", {"not_applicable": True, "score": 1}, "score"),
        ("T1", "village", {}, "settlement"),
        ("P1", "centre", {}, "settlement"),
    ],
)
def test_a_score_off_the_scale_or_a_cell_not_scored_is_refused(
    current, monitor, village, centre, code, settlement_name, fields, field
):
    settlement = {"village": village, "centre": centre}[settlement_name]
    with pytest.raises(Refused) as refusal:
        draft(current, monitor, code, settlement, **fields)
    assert refusal.value.field == field
    assert not Observation.objects.exists()


def test_not_applicable_is_saved_where_the_criterion_allows_it(current, monitor, village):
    observation = draft(current, monitor, "T2", village, not_applicable=True)
    assert observation.not_applicable and observation.score is None


@pytest.mark.parametrize("days", [-61, 1])
def test_a_date_outside_the_round_or_in_the_future_is_refused(
    current, monitor, village, today, days
):
    with pytest.raises(Refused) as refusal:
        draft(current, monitor, "P2", village, observed_on=today + timedelta(days=days))
    assert refusal.value.field == "observed_on"
    assert not Observation.objects.exists()


def test_a_criterion_of_another_framework_version_is_refused(current, monitor, village):
    from tests.monitoring.conftest import build_framework

    other = build_framework(slug="other").areas.get(code="P").criteria.get(code="P2")
    with pytest.raises(Refused) as refusal:
        save_draft(current, criterion=other, settlement=village, user=monitor)
    assert refusal.value.field == "criterion"


@pytest.mark.parametrize(
    "status", [Round.Status.PLANNED, Round.Status.VERIFICATION, Round.Status.PUBLISHED]
)
def test_observations_are_recorded_only_in_fieldwork(current, monitor, village, status):
    Round.objects.filter(pk=current.pk).update(status=status)
    with pytest.raises(Refused):
        draft(current, monitor, "P2", village)
    assert not Observation.objects.exists()


def test_someone_not_in_the_round_records_nothing(current, village):
    stranger = make_user("stranger", "ngo_monitor")
    with pytest.raises(Refused):
        draft(current, stranger, "P2", village)
    assert not Observation.objects.exists()


def test_a_monitor_records_only_in_the_settlements_they_cover(current, monitor, village, centre):
    current.memberships.get(user=monitor).settlements.set([centre])
    with pytest.raises(Refused) as refusal:
        draft(current, monitor, "P2", village)
    assert refusal.value.field == "settlement"


def test_a_monitor_does_not_change_another_monitors_draft(current, monitor, monitor2, village):
    draft(current, monitor, "P2", village, finding="Моята бележка")
    with pytest.raises(Refused):
        draft(current, monitor2, "P2", village, finding="Чужда бележка")
    assert Observation.objects.get().finding == "Моята бележка"


def test_a_submitted_observation_is_not_changed(current, monitor, village, today):
    fields = {"observed_on": today, "finding": "Няма обява.", "score": 0}
    submit(current, criterion=criterion(current, "P2"), settlement=village, user=monitor, **fields)
    with pytest.raises(Refused):
        draft(current, monitor, "P2", village, **{**fields, "score": 2})
    assert Observation.objects.get().score == 0


@pytest.mark.parametrize(
    "missing, field",
    [("observed_on", "observed_on"), ("finding", "finding"), ("score", "score")],
)
def test_submitting_needs_a_date_a_finding_and_a_score(
    current, monitor, village, today, missing, field
):
    fields = {"observed_on": today, "finding": "Няма обява.", "score": 1}
    fields[missing] = "" if missing == "finding" else None
    with pytest.raises(Refused) as refusal:
        submit(
            current, criterion=criterion(current, "P2"), settlement=village, user=monitor, **fields
        )
    assert refusal.value.field == field
    # Nothing half-way: not even the draft.
    assert not Observation.objects.exists()


def test_submitting_records_the_proposed_score_in_the_history(current, monitor, village, today):
    observation = submit(
        current,
        criterion=criterion(current, "P2"),
        settlement=village,
        user=monitor,
        observed_on=today,
        finding="Обявата е публикувана със закъснение.",
        score=1,
    )

    assert observation.status == Status.SUBMITTED
    assert observation.submitted_at is not None
    entry = Entry.objects.get(action="monitoring.observation_submitted")
    assert entry.object_id == observation.pk and entry.actor == monitor
    assert entry.changes["score"] == ["", "1"]


# The screens


def observation_url(round_, settlement, code):
    return reverse("monitoring:observation", args=[round_.slug, settlement.slug, code])


def test_a_monitor_saves_a_draft_with_the_button(client, current, monitor, village, today):
    client.force_login(monitor)
    url = observation_url(current, village, "P2")
    response = client.post(
        url, {"observed_on": today.isoformat(), "finding": "Няма табло.", "score": "0"}
    )

    assert response.status_code == 302
    observation = Observation.objects.get()
    assert (observation.monitor, observation.score, observation.finding) == (
        monitor,
        0,
        "Няма табло.",
    )


def test_a_draft_saved_as_one_types_answers_with_the_time(client, current, monitor, village):
    client.force_login(monitor)
    response = client.post(
        observation_url(current, village, "P2"), {"finding": "Няма"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    saved = timezone.localtime(Observation.objects.get().updated_at)
    assert f"{saved:%H:%M}" in response.content.decode()


def test_a_date_outside_the_round_is_shown_by_the_field_and_kept(
    client, current, monitor, village, today, english
):
    client.force_login(monitor)
    outside = (current.period_start - timedelta(days=1)).isoformat()
    response = client.post(
        observation_url(current, village, "P2"),
        {"observed_on": outside, "finding": "Написаното остава"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["observed_on"]
    assert "Написаното остава" in response.content.decode()
    assert not Observation.objects.exists()


def test_the_submit_button_submits(client, current, monitor, village, today):
    client.force_login(monitor)
    response = client.post(
        reverse("monitoring:observation_submit", args=[current.slug, village.slug, "P2"]),
        {"observed_on": today.isoformat(), "finding": "Няма табло.", "score": "2"},
    )

    assert response.status_code == 302
    assert Observation.objects.get().status == Status.SUBMITTED


def test_the_form_shows_the_scale_with_its_descriptors(client, current, monitor, village):
    client.force_login(monitor)
    page = client.get(observation_url(current, village, "T2")).content.decode()

    assert 'type="radio" name="score"' in page
    assert "Изпълнено е изцяло и в срок." in page
    assert 'value="na"' in page
    assert 'aria-live="polite"' in page
    assert "<script>" not in page


def test_another_monitors_score_stays_hidden(client, current, monitor, monitor2, village, today):
    draft(current, monitor, "P2", village, finding="Тайна бележка", score=2)
    client.force_login(monitor2)
    page = client.get(observation_url(current, village, "P2")).content.decode()

    assert "Тайна бележка" not in page
    assert 'name="score"' not in page


def test_a_cell_not_scored_in_a_settlement_has_no_page(client, current, monitor, village):
    client.force_login(monitor)
    assert client.get(observation_url(current, village, "T1")).status_code == 404


@pytest.mark.parametrize(
    "persona, expected",
    [("monitor", 200), ("staff", 200), ("official", 403), ("resident", 403), ("outsider", 403)],
)
def test_who_sees_the_fieldwork_screens(client, current, village, persona, expected, request):
    client.force_login(request.getfixturevalue(persona))
    for url in (
        reverse("monitoring:work_round", args=[current.slug]),
        reverse("monitoring:work_criterion", args=[current.slug, "P2"]),
        observation_url(current, village, "P2"),
    ):
        assert client.get(url).status_code == expected, url


def test_anonymous_visitors_are_sent_to_log_in(client, current, village):
    response = client.get(observation_url(current, village, "P2"))
    assert response.status_code == 302 and "login" in response.url


def test_my_rounds_say_what_is_left(client, current, monitor, village, centre, today):
    current.memberships.get(user=monitor).settlements.set([village])
    draft(current, monitor, "P2", village)
    client.force_login(monitor)
    response = client.get(reverse("monitoring:work"))

    [row] = response.context["rows"]
    # P1 and P2 are scored in a village, T2 too: three cells, one of them a draft.
    assert (row["left"], row["drafts"], row["submitted"]) == (2, 1, 0)


def test_the_criterion_page_links_each_settlement(client, current, monitor):
    client.force_login(monitor)
    page = client.get(reverse("monitoring:work_criterion", args=[current.slug, "P1"]))

    assert "Изпълнено е отчасти или със закъснение." in page.content.decode()
    # P1 is scored in the twelve mayoralties, not the administration.
    assert len(page.context["cells"]) == Settlement.objects.count() - 1


def test_the_grid_takes_the_same_queries_however_much_is_recorded(
    client, current, monitor, staff, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(monitor)
    url = reverse("monitoring:work_round", args=[current.slug])

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count()
    for settlement in Settlement.objects.filter(is_admin_centre=False):
        for code in ("P1", "P2", "T2"):
            draft(current, monitor, code, settlement, finding="Бележка")
    assert count() == few
    with django_assert_max_num_queries(14):
        client.get(url)


def test_a_coordinator_sees_a_monitors_observation_and_its_status(
    client, current, monitor, staff, village
):
    draft(current, monitor, "P2", village, finding="Бележка на наблюдателя", score=1)
    client.force_login(staff)
    page = client.get(observation_url(current, village, "P2")).content.decode()
    assert "Бележка на наблюдателя" in page
