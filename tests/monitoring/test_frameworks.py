"""Frameworks of criteria kept in versions: a draft is edited with its checks, a frozen version
never changes, a new version copies the latest whole; the admin only looks; every person's field
of monitoring is in the personal-data register."""

import pytest
from django.urls import reverse

from ivanovo_portal.accounts import personal_data
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.refusals import Refused
from monitoring import versions
from monitoring.models import (
    Area,
    Criterion,
    EvidenceKind,
    FrameworkVersion,
    Membership,
    Observation,
    ScalePoint,
    Scope,
)
from monitoring.services import frameworks
from tests.accounts.test_personal_data_register import undeclared
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SCALE = [
    (0, "не", "Няма публикувана информация."),
    (1, "частично", "Публикувана е част от информацията."),
    (2, "да", "Публикувана е цялата информация в срок."),
]


def criterion(area, code="T9", **fields):
    return frameworks.add_criterion(
        area,
        **{
            "code": code,
            "question": "Публикуван ли е регистърът на заявленията по ЗДОИ?",
            "legal_basis": "ЗДОИ, чл. 15а",
            "evidence_kind": EvidenceKind.WEBSITE,
            "scope": Scope.MUNICIPALITY,
            "weight": 2,
            "scale": SCALE,
            **fields,
        },
    )


@pytest.fixture
def draft(staff):
    """A draft version 1 with one area T."""
    framework = frameworks.create_framework(user=staff, name="Прозрачност на общината")
    version = framework.versions.get()
    frameworks.add_area(version, code="T", name="Прозрачност")
    return version


def scale_of(item):
    return [(p.value, p.label, p.descriptor) for p in item.scale.all()]


# Making and editing a draft


def test_a_new_framework_has_an_empty_draft_version_1_at_a_transliterated_address(staff):
    framework = frameworks.create_framework(user=staff, name="Прозрачност на общината")

    assert framework.slug == "prozrachnost-na-obshtinata"
    version = framework.versions.get()
    assert (version.number, version.is_frozen, version.created_by) == (1, False, staff)
    assert not version.areas.exists()


def test_a_criterion_is_saved_with_its_scale_in_order_of_score(draft):
    area = draft.areas.get()

    saved = criterion(area, scale=list(reversed(SCALE)))

    assert scale_of(saved) == SCALE
    assert (saved.weight, saved.legal_basis, saved.position) == (2, "ЗДОИ, чл. 15а", 0)
    assert criterion(area, code="T10").position == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"weight": 0}, "weight"),
        ({"scale": SCALE[:1]}, "scale"),
        ({"scale": [*SCALE[:2], (2, "да", "  ")]}, "scale"),
        ({"scale": [*SCALE[:2], (2, "", "Изцяло.")]}, "scale"),
        ({"scale": [*SCALE[:2], (1, "пак", "Същата оценка.")]}, "scale"),
    ],
)
def test_a_criterion_the_checks_refuse_is_not_saved(draft, fields, field):
    with pytest.raises(Refused) as refused:
        criterion(draft.areas.get(), **fields)

    assert refused.value.field == field
    assert not Criterion.objects.filter(area__version=draft).exists()
    assert not ScalePoint.objects.exists()


def test_a_code_is_unique_across_the_areas_of_a_version(draft):
    criterion(draft.areas.get(), code="A1")
    other = frameworks.add_area(draft, code="P", name="Участие")

    with pytest.raises(Refused) as refused:
        criterion(other, code="A1")
    assert refused.value.field == "code"

    with pytest.raises(Refused) as refused:
        frameworks.add_area(draft, code="P", name="Пак участие")
    assert refused.value.field == "code"


def test_the_same_code_may_return_in_another_framework(draft, staff):
    criterion(draft.areas.get(), code="A1")
    other = frameworks.create_framework(user=staff, name="Друга рамка").versions.get()

    assert criterion(frameworks.add_area(other, code="T", name="Т"), code="A1").code == "A1"


def test_editing_a_criterion_moves_it_to_another_area_and_replaces_its_scale(draft):
    first = criterion(draft.areas.get(), code="T1")
    other = frameworks.add_area(draft, code="P", name="Участие")
    criterion(other, code="P1")
    two_points = [(0, "не", "Не е изпълнено."), (1, "да", "Изпълнено е.")]

    frameworks.update_criterion(
        first, area=other, scale=two_points, code="P2", question="Нов въпрос?", weight=3
    )

    first.refresh_from_db()
    assert (first.area, first.code, first.question, first.weight) == (other, "P2", "Нов въпрос?", 3)
    assert first.position == 1
    assert scale_of(first) == two_points


def test_editing_keeps_a_criterions_own_code_and_refuses_anothers(draft):
    first = criterion(draft.areas.get(), code="T1")
    criterion(draft.areas.get(), code="T2")

    frameworks.update_criterion(first, area=first.area, scale=SCALE, code="T1")
    with pytest.raises(Refused) as refused:
        frameworks.update_criterion(first, area=first.area, scale=SCALE, code="T2")

    assert refused.value.field == "code"


def test_an_area_of_another_version_is_refused(draft, framework_version):
    first = criterion(draft.areas.get())

    with pytest.raises(Refused) as refused:
        frameworks.update_criterion(first, area=framework_version.areas.first(), scale=SCALE)

    assert refused.value.field == "area"


def test_areas_and_criteria_move_up_and_down(draft):
    first = draft.areas.get()
    second = frameworks.add_area(draft, code="P", name="Участие")
    criterion(first, code="T1")
    two = criterion(first, code="T2")

    frameworks.move_area(second, "up")
    frameworks.move_criterion(two, "up")
    frameworks.move_criterion(two, "up")  # already first: stays

    assert [area.code for area in draft.areas.all()] == ["P", "T"]
    assert [c.code for c in first.criteria.order_by("position")] == ["T2", "T1"]


def test_deleting_an_area_takes_its_criteria_with_it(draft):
    area = draft.areas.get()
    criterion(area)

    frameworks.delete_area(area)

    assert not Criterion.objects.filter(area__version=draft).exists()


# A frozen version


def _first(version):
    return version.areas.first(), Criterion.objects.filter(area__version=version).first()


# Each edit a draft allows, given a version: none may touch a frozen one.
EDITS = {
    "note": lambda v: frameworks.update_note(v, changes="Нова бележка"),
    "add_area": lambda v: frameworks.add_area(v, code="Z", name="Нова"),
    "update_area": lambda v: frameworks.update_area(_first(v)[0], code="T", name="Друго"),
    "move_area": lambda v: frameworks.move_area(_first(v)[0], "down"),
    "delete_area": lambda v: frameworks.delete_area(_first(v)[0]),
    "add_criterion": lambda v: criterion(_first(v)[0], code="Z1"),
    "update_criterion": lambda v: frameworks.update_criterion(
        _first(v)[1], area=_first(v)[0], scale=SCALE, weight=5
    ),
    "move_criterion": lambda v: frameworks.move_criterion(_first(v)[1], "down"),
    "delete_criterion": lambda v: frameworks.delete_criterion(_first(v)[1]),
}


def _snapshot(version):
    return [
        (c.pk, c.area_id, c.code, c.weight, c.position, scale_of(c))
        for c in versions.criteria_of(versions.structure_of(version))
    ]


@pytest.mark.parametrize("edit", EDITS)
def test_a_frozen_version_refuses_every_change(framework_version, edit, english):
    before = _snapshot(framework_version)

    with pytest.raises(Refused, match="frozen"):
        EDITS[edit](framework_version)

    assert _snapshot(framework_version) == before
    assert [a.name for a in framework_version.areas.all()] == ["Прозрачност", "Участие"]
    framework_version.refresh_from_db()
    assert framework_version.changes == ""


def test_freezing_is_recorded_once_and_a_version_without_criteria_cannot_be_frozen(draft, staff):
    with pytest.raises(Refused):
        frameworks.freeze(draft, user=staff)
    criterion(draft.areas.get())

    frozen = frameworks.freeze(draft, user=staff)
    again = frameworks.freeze(frozen, user=staff)

    assert again.frozen_at == frozen.frozen_at is not None
    entries = Entry.objects.filter(action="monitoring.version_frozen")
    assert [(e.object_id, e.actor) for e in entries] == [(draft.pk, staff)]


# New versions


def test_a_new_version_copies_the_latest_whole_and_leaves_it_as_it_was(framework_version, staff):
    original = versions.structure_of(framework_version)

    copy = frameworks.new_version(framework_version.framework, user=staff, changes="Нов критерий.")

    assert (copy.number, copy.is_frozen, copy.changes) == (2, False, "Нов критерий.")

    def shape(areas):
        return [
            (
                area.code,
                area.name,
                area.position,
                [
                    (
                        *(getattr(c, name) for name in frameworks.CRITERION_FIELDS),
                        c.position,
                        scale_of(c),
                    )
                    for c in area.criteria.all()
                ],
            )
            for area in areas
        ]

    assert shape(versions.structure_of(copy)) == shape(original)
    assert len(versions.criteria_of(versions.structure_of(copy))) == 4
    assert not Area.objects.filter(version=copy, pk__in=[a.pk for a in original]).exists()
    assert shape(versions.structure_of(framework_version)) == shape(original)
    entry = Entry.objects.get(action="monitoring.version_created")
    assert (entry.object_id, entry.reason, entry.changes) == (
        copy.pk,
        "Нов критерий.",
        {"number": ["1", "2"]},
    )


def test_a_new_version_is_refused_while_a_draft_exists(framework_version, staff, english):
    frameworks.new_version(framework_version.framework, user=staff, changes="Първа промяна.")

    with pytest.raises(Refused, match="draft"):
        frameworks.new_version(framework_version.framework, user=staff, changes="Втора.")

    assert framework_version.framework.versions.count() == 2


def test_a_new_version_says_what_changes(framework_version, staff):
    with pytest.raises(Refused) as refused:
        frameworks.new_version(framework_version.framework, user=staff, changes="  ")

    assert refused.value.field == "changes"
    assert FrameworkVersion.objects.count() == 1


def test_what_changed_is_matched_by_code(framework_version, staff, english):
    copy = frameworks.new_version(framework_version.framework, user=staff, changes="Промени.")
    criteria = {c.code: c for c in Criterion.objects.filter(area__version=copy)}
    frameworks.delete_criterion(criteria["P1"])
    frameworks.update_criterion(criteria["T1"], area=criteria["T1"].area, scale=SCALE, weight=5)
    criterion(criteria["T2"].area, code="T3")

    found = versions.comparison(copy, versions.structure_of(copy))

    assert found.previous == framework_version
    assert [c.code for c in found.added] == ["T3"]
    assert [c.code for c in found.removed] == ["P1"]
    assert [(c.after.code, c.fields) for c in found.changed] == [("T1", ["weight", "scale"])]


# The admin


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    return client


def change_url(obj):
    return reverse(f"admin:monitoring_{obj._meta.model_name}_change", args=[obj.pk])


def test_the_admin_shows_a_frozen_version_and_changes_nothing_of_it(
    admin_client, framework_version
):
    address = change_url(framework_version)

    page = admin_client.get(address)

    assert page.status_code == 200
    assert 'name="changes"' not in page.text
    assert admin_client.post(address, {"changes": "Подменено"}).status_code == 403
    framework_version.refresh_from_db()
    assert framework_version.changes == ""


def test_the_admin_edits_only_a_drafts_note_and_freezes_through_the_service(
    admin_client, framework_version, staff
):
    draft = frameworks.new_version(framework_version.framework, user=staff, changes="Промени.")

    page = admin_client.get(change_url(draft)).text

    assert 'name="changes"' in page
    for name in ["number", "frozen_at", "framework"]:
        assert f'name="{name}"' not in page
    admin_client.post(
        reverse("admin:monitoring_frameworkversion_changelist"),
        {"action": "freeze", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.is_frozen
    assert Entry.objects.filter(action="monitoring.version_frozen", object_id=draft.pk).exists()


@pytest.mark.parametrize("model", ["criterion", "area", "scalepoint", "round", "observation"])
def test_the_admin_adds_no_structure_and_no_state(admin_client, round_, model):
    assert admin_client.get(reverse(f"admin:monitoring_{model}_add")).status_code == 403


def test_the_admin_shows_observations_without_a_way_to_change_their_scores(
    admin_client, round_, monitor, centre
):
    observation = Observation.objects.create(
        round=round_,
        criterion=Criterion.objects.get(area__version=round_.version, code="T1"),
        settlement=centre,
        monitor=monitor,
        score=1,
    )
    address = change_url(observation)

    assert admin_client.get(address).status_code == 200
    assert admin_client.post(address, {"score": "2"}).status_code == 403
    assert admin_client.get(reverse("admin:monitoring_observation_changelist")).status_code == 200


# Personal data


def test_every_personal_field_of_monitoring_is_declared():
    assert [found for found in undeclared() if found[0].startswith("monitoring.")] == []


def test_a_monitors_part_in_a_round_is_in_their_copy_of_their_data(round_, monitor):
    Membership.objects.filter(user=monitor).update(name_public=True)

    found = personal_data.export(personal_data.Person(user=monitor))

    assert found["monitoring_members"] == [
        {
            "record": str(Membership.objects.get(user=monitor)),
            "user": str(monitor),
            "round": str(round_),
            "role": "monitor",
        }
    ]
    assert found["monitoring_names_published"][0]["name_public"] is True
