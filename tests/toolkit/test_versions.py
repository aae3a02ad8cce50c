"""A method's versions: what a snapshot holds, saving as versions, restoring an earlier one."""

import json

import pytest

from ivanovo_portal.audit.models import Entry
from ivanovo_portal.refusals import Refused
from toolkit.models import Method, MethodVersion
from toolkit.services.methods import restore_version
from toolkit.versions import apply, snapshot

from .content import method_content, save

pytestmark = pytest.mark.django_db


def test_a_snapshot_is_the_content_format_in_plain_values(staff):
    method = save(method_content(), user=staff)

    content = snapshot(method)

    assert json.loads(json.dumps(content)) == content
    assert list(content) == list(method_content())
    assert content["placements"] == [["consultation", "agenda"], ["dialogue", "drafting"]]
    assert content["cost"] == 1 and content["audiences"] == ["elderly", "villagers"]
    assert [step["title"] for step in content["steps"]] == [
        "Поканете жителите",
        "Проведете събранието",
    ]


def test_applying_a_snapshot_gives_it_back_exactly(staff):
    content = snapshot(save(method_content(), user=staff))
    copy = apply(Method(), {**content, "slug": "copy"})

    assert snapshot(copy) == {**content, "slug": "copy"}
    changed = {**content, "slug": "copy", "name": "Друго", "steps": content["steps"][:1]}
    assert snapshot(apply(copy, changed)) == changed


def test_each_save_is_the_next_version_holding_the_method_as_saved(staff):
    method = save(method_content(), user=staff, note="Първо")
    save(method_content(name="Селско събрание"), user=staff, method=method, note="Ново име")

    versions = list(method.versions.order_by("number"))

    assert [(v.number, v.note, v.saved_by) for v in versions] == [
        (1, "Първо", staff),
        (2, "Ново име", staff),
    ]
    assert versions[0].content["name"] == "Събрание в селото"
    assert versions[1].content == snapshot(Method.objects.get(pk=method.pk))


def test_a_change_is_in_the_history_as_old_and_new(staff):
    method = save(method_content(), user=staff)
    save(method_content(name="Селско събрание"), user=staff, method=method, note="Ново име")

    entry = Entry.objects.filter(action="method.changed").get()

    assert entry.changes == {"name": ["Събрание в селото", "Селско събрание"]}
    assert entry.reason == "Ново име"


@pytest.mark.parametrize("part", ["placements", "steps"])
def test_a_method_without_cells_or_steps_is_refused_and_nothing_saved(staff, part):
    with pytest.raises(Refused) as refusal:
        save(method_content(**{part: []}), user=staff)

    assert refusal.value.field == part
    assert not Method.objects.exists() and not MethodVersion.objects.exists()


def test_restoring_an_earlier_version_makes_it_current_as_a_new_version(staff):
    method = save(method_content(), user=staff)
    first = method.versions.get()
    save(method_content(name="Друго", steps=first.content["steps"][:1]), user=staff, method=method)

    restore_version(first, user=staff)

    latest = method.versions.order_by("-number").first()
    assert latest.number == 3 and latest.content == first.content
    assert snapshot(Method.objects.get(pk=method.pk)) == first.content
    assert Entry.objects.filter(action="method.restored").exists()


def test_restoring_the_current_version_is_refused(staff):
    method = save(method_content(), user=staff)

    with pytest.raises(Refused):
        restore_version(method.versions.get(), user=staff)

    assert method.versions.count() == 1
