"""Monitoring rounds: planning one, its people, each step with its checks, the coordinator's hub,
and who may open each of the rounds' screens at each status."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.accounts.roles import Role
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused
from monitoring.models import Membership, Observation, Round
from monitoring.services import frameworks, rounds
from tests.conftest import make_user

from .conftest import build_framework, build_round
from .scoring import observe, replied, score_twice, verified

Status = Round.Status
PERIOD = {"period_start": date(2026, 9, 1), "period_end": date(2026, 11, 30)}


def _actions(obj):
    return list(
        Entry.objects.filter(object_id=obj.pk).order_by("at").values_list("action", flat=True)
    )


def _at(round_, status, **fields):
    Round.objects.filter(pk=round_.pk).update(status=status, **fields)
    round_.refresh_from_db()
    return round_


# Planning a round


def test_a_new_round_freezes_its_draft_version(staff):
    version = build_framework(frozen=False)

    round_ = rounds.create_round(user=staff, title="Наблюдение 2027", version=version, **PERIOD)

    version.refresh_from_db()
    assert version.is_frozen
    assert round_.status == Status.PLANNED
    assert round_.slug == "nablyudenie-2027"
    assert _actions(round_) == ["monitoring.round_created"]


def test_a_round_keeps_the_freezing_time_of_a_frozen_version(staff, framework_version):
    frozen_at = framework_version.frozen_at
    rounds.create_round(user=staff, title="Кръг", version=framework_version, **PERIOD)
    framework_version.refresh_from_db()
    assert framework_version.frozen_at == frozen_at


def test_a_period_out_of_order_is_refused(staff, framework_version, english):
    with pytest.raises(Refused, match="end on or after") as refused:
        rounds.create_round(
            user=staff,
            title="Кръг",
            version=framework_version,
            period_start=date(2026, 9, 1),
            period_end=date(2026, 8, 31),
        )
    assert refused.value.field == "period_end"
    assert not Round.objects.exists()


def test_the_version_cannot_change_once_fieldwork_started(round_, staff, english):
    other = round_.version.framework.versions.create(number=2)
    with pytest.raises(Refused, match="once fieldwork has started"):
        rounds.update_round(round_, user=staff, version=other)


def test_a_planned_round_takes_another_version_of_its_framework_only(round_, staff, english):
    _at(round_, Status.PLANNED)
    other_framework = build_framework(slug="another", frozen=False)
    with pytest.raises(Refused, match="round's own framework"):
        rounds.update_round(round_, user=staff, version=other_framework)
    newer = frameworks.new_version(round_.version.framework, user=staff, changes="Нов критерий.")

    updated = rounds.update_round(round_, user=staff, version=newer)

    newer.refresh_from_db()
    assert updated.version == newer and newer.is_frozen


def test_a_round_in_verification_cannot_be_edited(round_, staff, english):
    _at(round_, Status.VERIFICATION)
    with pytest.raises(Refused, match="planned or in fieldwork"):
        rounds.update_round(round_, user=staff, title="Друго")


def test_an_edit_is_in_the_history(round_, staff):
    rounds.update_round(round_, user=staff, title="Наблюдение 2026, есен")
    entry = Entry.objects.get(action="monitoring.round_updated")
    assert entry.changes == {"title": ["Наблюдение 2026", "Наблюдение 2026, есен"]}


# Its people


@pytest.fixture
def planned(framework_version):
    return build_round(framework_version, slug="planned", status=Status.PLANNED)


def test_members_are_set_with_their_settlements_and_consent(
    planned, staff, monitor, monitor2, village
):
    rounds.set_members(
        planned,
        user=staff,
        monitors=[monitor, monitor2],
        coordinator=staff,
        settlements={monitor: [village]},
        name_public=[monitor2],
    )

    members = {m.user: m for m in planned.memberships.prefetch_related("settlements")}
    assert members[staff].role == Membership.Role.COORDINATOR
    assert list(members[monitor].settlements.all()) == [village]
    assert list(members[monitor2].settlements.all()) == []
    assert members[monitor2].name_public and not members[monitor].name_public
    entry = Entry.objects.get(action="monitoring.round_members_set")
    old, new = entry.changes["memberships"]
    assert old == "" and "Monitor2" in new and "Staff" in new


def test_a_resident_cannot_be_a_monitor(planned, staff, resident, english):
    with pytest.raises(Refused, match="neither an NGO monitor") as refused:
        rounds.set_members(planned, user=staff, monitors=[resident], coordinator=staff)
    assert refused.value.field == "monitors"
    assert not planned.memberships.exists()


def test_the_coordinator_must_be_staff(planned, staff, monitor, monitor2, english):
    with pytest.raises(Refused, match="project staff") as refused:
        rounds.set_members(planned, user=staff, monitors=[monitor], coordinator=monitor2)
    assert refused.value.field == "coordinator"


def test_the_coordinator_is_not_also_a_monitor(planned, staff, english):
    with pytest.raises(Refused, match="cannot also be a monitor"):
        rounds.set_members(planned, user=staff, monitors=[staff], coordinator=staff)


def test_a_monitor_with_observations_stays(round_, staff, monitor, monitor2, centre, english):
    observe(round_, "T1", centre, monitor)
    with pytest.raises(Refused, match="has observations in this round"):
        rounds.set_members(round_, user=staff, monitors=[monitor2], coordinator=staff)


def test_the_coordinator_can_be_handed_over(round_, staff, monitor, monitor2):
    other_staff = make_user("staff2", Role.PROJECT_STAFF)
    rounds.set_members(
        round_, user=staff, monitors=[monitor, monitor2, staff], coordinator=other_staff
    )
    roles = dict(round_.memberships.values_list("user__username", "role"))
    assert roles == {
        "monitor": "monitor",
        "monitor2": "monitor",
        "staff": "monitor",
        "staff2": "coordinator",
    }


def test_consent_may_change_after_the_findings_were_shown(round_, staff, monitor, monitor2):
    _at(round_, Status.PUBLISHED, published_at=timezone.now(), reply_deadline=date(2026, 12, 1))
    rounds.set_members(
        round_, user=staff, monitors=[monitor, monitor2], coordinator=staff, name_public=[monitor]
    )
    assert round_.memberships.get(user=monitor).name_public


def test_people_are_fixed_once_the_findings_were_shown(round_, staff, monitor, english):
    _at(round_, Status.REPLY, reply_deadline=date(2026, 12, 1))
    with pytest.raises(Refused, match="fixed"):
        rounds.set_members(round_, user=staff, monitors=[monitor], coordinator=staff)


# The steps


def test_fieldwork_needs_a_monitor(planned, staff, english):
    Membership.objects.create(round=planned, user=staff, role=Membership.Role.COORDINATOR)
    with pytest.raises(Refused, match="at least one monitor"):
        rounds.start_fieldwork(planned, user=staff)


def test_fieldwork_needs_the_coordinator(planned, staff, monitor, english):
    Membership.objects.create(round=planned, user=monitor, role=Membership.Role.MONITOR)
    with pytest.raises(Refused, match="coordinator"):
        rounds.start_fieldwork(planned, user=staff)


def test_fieldwork_starts_with_a_monitor_and_the_coordinator(planned, staff, monitor):
    rounds.set_members(planned, user=staff, monitors=[monitor], coordinator=staff)

    rounds.start_fieldwork(planned, user=staff)

    planned.refresh_from_db()
    assert planned.status == Status.FIELDWORK
    entry = Entry.objects.get(action="monitoring.fieldwork_started")
    assert entry.changes["status"] == [str(Status.PLANNED.label), str(Status.FIELDWORK.label)]


def test_verification_waits_for_every_draft_naming_how_many(
    round_, staff, monitor, centre, village, english
):
    observe(round_, "T1", centre, monitor)
    observe(round_, "T2", centre, monitor, status=Observation.Status.DRAFT)
    observe(round_, "T2", village, monitor, status=Observation.Status.DRAFT)
    with pytest.raises(Refused, match="2 observations are still drafts"):
        rounds.start_verification(round_, user=staff)


def test_verification_needs_a_submitted_observation(round_, staff, english):
    with pytest.raises(Refused, match="No observation has been submitted"):
        rounds.start_verification(round_, user=staff)


def test_verification_starts_when_everything_is_submitted(round_, staff, monitor, centre):
    observe(round_, "T1", centre, monitor)
    rounds.start_verification(round_, user=staff)
    assert Round.objects.get(pk=round_.pk).status == Status.VERIFICATION


def test_the_right_of_reply_waits_for_every_observation_to_be_verified(
    round_, staff, monitor, centre, village, english
):
    _at(round_, Status.VERIFICATION)
    verified(round_, "T1", centre, monitor)
    observe(round_, "T2", village, monitor)
    with pytest.raises(Refused, match="1 observation is not verified yet"):
        rounds.open_reply(round_, user=staff)


def test_the_right_of_reply_lasts_fourteen_days_unless_told(round_, staff, monitor, centre):
    _at(round_, Status.VERIFICATION)
    verified(round_, "T1", centre, monitor)

    rounds.open_reply(round_, user=staff)

    round_.refresh_from_db()
    assert round_.status == Status.REPLY
    assert round_.reply_deadline == timezone.localdate() + timedelta(days=14)


def test_a_deadline_in_the_past_is_refused(round_, staff, monitor, centre, english):
    _at(round_, Status.VERIFICATION)
    verified(round_, "T1", centre, monitor)
    with pytest.raises(Refused, match="in the past") as refused:
        rounds.open_reply(round_, user=staff, deadline=timezone.localdate() - timedelta(days=1))
    assert refused.value.field == "deadline"
    assert Round.objects.get(pk=round_.pk).status == Status.VERIFICATION


def test_publication_waits_for_the_deadline_while_replies_are_missing(
    round_, staff, monitor, official, centre, village, english
):
    _at(round_, Status.REPLY, reply_deadline=timezone.localdate())
    replied(verified(round_, "T1", centre, monitor), official)
    verified(round_, "T2", village, monitor)
    with pytest.raises(Refused, match="1 finding has no reply yet"):
        rounds.publish(round_, user=staff)


def test_publication_before_the_deadline_once_every_finding_has_its_reply(
    round_, staff, monitor, official, centre
):
    _at(round_, Status.REPLY, reply_deadline=timezone.localdate() + timedelta(days=5))
    replied(verified(round_, "T1", centre, monitor), official)

    rounds.publish(round_, user=staff)

    round_.refresh_from_db()
    assert round_.status == Status.PUBLISHED and round_.published_at is not None
    assert _actions(round_) == ["monitoring.round_published"]


def test_publication_after_the_deadline_without_every_reply(round_, staff, monitor, village):
    _at(round_, Status.REPLY, reply_deadline=timezone.localdate() - timedelta(days=1))
    verified(round_, "T2", village, monitor)
    rounds.publish(round_, user=staff)
    assert Round.objects.get(pk=round_.pk).is_public()


def test_a_second_press_does_not_take_a_further_step(round_, staff, monitor, centre, english):
    observe(round_, "T1", centre, monitor)
    rounds.take_step(round_, user=staff, status=Status.FIELDWORK)
    with pytest.raises(Refused, match="Verification"):
        rounds.take_step(round_, user=staff, status=Status.FIELDWORK)


# The hub


def test_the_hub_shows_why_the_next_step_would_be_refused(client, round_, staff, english):
    client.force_login(staff)
    page = client.get(reverse("monitoring:round_detail", args=[round_.slug])).content.decode()
    assert "Start verification" in page
    assert "No observation has been submitted yet." in page
    assert 'aria-current="step"' in page


def test_the_hub_takes_the_step(client, round_, staff, monitor, centre):
    observe(round_, "T1", centre, monitor)
    client.force_login(staff)

    response = client.post(
        reverse("monitoring:round_step", args=[round_.slug]), {"status": Status.FIELDWORK}
    )

    assert response.status_code == 302
    assert Round.objects.get(pk=round_.pk).status == Status.VERIFICATION


def test_the_hub_asks_for_the_deadline_and_keeps_what_was_typed(
    client, round_, staff, monitor, centre, english
):
    _at(round_, Status.VERIFICATION)
    verified(round_, "T1", centre, monitor)
    client.force_login(staff)

    response = client.post(
        reverse("monitoring:round_step", args=[round_.slug]),
        {"status": Status.VERIFICATION, "deadline": "2020-01-01"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "The deadline cannot be in the past." in page
    assert 'value="2020-01-01"' in page
    assert Round.objects.get(pk=round_.pk).status == Status.VERIFICATION


def test_the_hub_shows_counts_and_agreement(client, round_, staff, monitor, centre, english):
    verified(round_, "T1", centre, monitor)
    client.force_login(staff)
    response = client.get(reverse("monitoring:round_detail", args=[round_.slug]))
    counts = {str(label): n for label, n in response.context["counts"]}
    assert counts["Verified"] == 1
    # T1 once, T2 and P2 at 13 settlements, P1 at the 12 mayoralties.
    assert response.context["expected"] == 1 + 13 + 12 + 13
    assert "Agreement between scorers" in response.content.decode()


def test_a_round_is_planned_through_its_form(client, staff, framework_version):
    client.force_login(staff)
    response = client.post(
        reverse("monitoring:round_create"),
        {
            "title": "Есен 2027",
            "version": framework_version.pk,
            "period_start": "2027-09-01",
            "period_end": "2027-11-30",
            "description": "",
        },
    )
    assert response.status_code == 302
    assert Round.objects.get(slug="esen-2027").status == Status.PLANNED


def test_the_form_refuses_a_period_out_of_order_by_the_field(client, staff, framework_version):
    client.force_login(staff)
    response = client.post(
        reverse("monitoring:round_create"),
        {
            "title": "Есен 2027",
            "version": framework_version.pk,
            "period_start": "2027-09-01",
            "period_end": "2027-08-01",
        },
    )
    assert response.status_code == 200
    assert "period_end" in response.context["form"].errors
    assert not Round.objects.exists()


def test_members_are_named_through_their_form(client, planned, staff, monitor, village):
    client.force_login(staff)
    response = client.post(
        reverse("monitoring:round_members", args=[planned.slug]),
        {
            "coordinator": staff.pk,
            "monitors": [monitor.pk],
            "name_public": [monitor.pk],
            f"settlements_{monitor.pk}": [village.pk],
        },
    )
    assert response.status_code == 302
    membership = planned.memberships.get(user=monitor)
    assert membership.name_public
    assert list(membership.settlements.all()) == [village]


def test_the_list_of_rounds_takes_few_queries(
    client, staff, framework_version, django_assert_max_num_queries
):
    for number in range(12):
        build_round(framework_version, slug=f"round-{number}")
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("monitoring:round_list"))
    assert len(response.context["page_obj"]) == 12


# Who may open what, at each status

PERSONAS = ["anonymous", "resident", "monitor", "other_monitor", "official", "staff"]


@pytest.fixture
def people(round_, monitor, resident, official, staff, framework_version):
    other_monitor = make_user("monitor3", Role.NGO_MONITOR)
    build_round(
        framework_version,
        slug="other-round",
        members=[(other_monitor, Membership.Role.MONITOR)],
    )
    return {
        "anonymous": None,
        "resident": resident,
        "monitor": monitor,
        "other_monitor": other_monitor,
        "official": official,
        "staff": staff,
    }


SCREENS = {
    "round_list": ("monitoring:round_list", False),
    "round_create": ("monitoring:round_create", False),
    "round_detail": ("monitoring:round_detail", True),
    "round_edit": ("monitoring:round_edit", True),
    "round_members": ("monitoring:round_members", True),
    "second_score_list": ("monitoring:second_score_list", True),
    "reconcile_list": ("monitoring:reconcile_list", True),
    "reply_list": ("monitoring:reply_list", False),
    "reply_round": ("monitoring:reply_round", True),
}


def _expected(screen, persona, status):
    if persona == "anonymous":
        return 302
    if screen == "second_score_list":
        return 200 if persona in ("monitor", "staff") else 403
    if screen == "reply_list":
        return 200 if persona in ("official", "staff") else 403
    if screen == "reply_round":
        if persona not in ("official", "staff"):
            return 403
        return 200 if status == Status.REPLY else 404
    return 200 if persona == "staff" else 403


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_who_may_open_each_screen_at_each_status(client, round_, people, screen, status):
    _at(round_, status, reply_deadline=date(2026, 12, 15))
    name, of_round = SCREENS[screen]
    url = reverse(name, args=[round_.slug] if of_round else [])
    for persona in PERSONAS:
        client.logout()
        if people[persona]:
            client.force_login(people[persona])
        response = client.get(url)
        assert response.status_code == _expected(screen, persona, status), (persona, url)


def test_the_hub_takes_as_many_queries_for_many_observations_as_for_few(
    client, round_, staff, monitor, monitor2
):
    settlements = list(Settlement.objects.all())
    client.force_login(staff)
    url = reverse("monitoring:round_detail", args=[round_.slug])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    score_twice(observe(round_, "P2", settlements[0], monitor, score=1), monitor2, score=1)
    few = queries()
    for settlement in settlements[1:]:
        score_twice(observe(round_, "P2", settlement, monitor, score=2), monitor2, score=1)
        observe(round_, "T2", settlement, monitor2, score=0)
    assert queries() == few


def test_a_round_cannot_use_a_version_without_criteria(round_, staff, english):
    _at(round_, Status.PLANNED)
    empty = round_.version.framework.versions.create(number=2)

    with pytest.raises(Refused, match="without criteria") as refused:
        rounds.update_round(round_, user=staff, version=empty)

    assert refused.value.field == "version"
    round_.refresh_from_db()
    assert round_.version != empty
    empty.refresh_from_db()
    assert not empty.is_frozen
