"""The methods the toolkit is first published with: every one complete and within the fields'
limits, so that loading them into an empty portal never fails half-way."""

import pytest

from toolkit.code import Level, Step
from toolkit.content import METHODS
from toolkit.models import Method, MethodStep, MethodTemplate
from toolkit.models.methods import Audience, Cost, Facilitation, Fit, Literacy

KEYS = {
    "slug", "name", "summary", "placements", "purpose", "when_to_use", "when_not",
    "time_needed", "weeks", "cost", "cost_note", "group_min", "group_max", "facilitation",
    "offline", "paper", "online", "elderly", "literacy", "audiences", "venue", "legal_basis",
    "risks", "tips", "sources", "steps", "templates",
}  # fmt: skip
IDS = [method["slug"] for method in METHODS]


def _max_length(model, name):
    return model._meta.get_field(name).max_length


def test_there_are_25_to_35_methods_each_once():
    assert 25 <= len(METHODS) <= 35
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("method", METHODS, ids=IDS)
def test_a_method_is_complete_and_fits_its_fields(method):
    assert set(method) == KEYS
    for name in ("slug", "name", "summary", "time_needed", "cost_note"):
        assert len(method[name]) <= _max_length(Method, name), name
    for name in ("name", "summary", "purpose", "when_to_use", "when_not", "risks", "tips"):
        assert method[name].strip(), name
    assert method["sources"].strip()
    assert method["cost"] in Cost.values
    assert method["facilitation"] in Facilitation.values
    assert method["elderly"] in Fit.values
    assert method["literacy"] in Literacy.values
    assert set(method["audiences"]) <= set(Audience.values)
    assert method["group_max"] is None or method["group_min"] <= method["group_max"]
    assert method["weeks"] > 0
    assert method["placements"]
    assert {level for level, _step in method["placements"]} <= set(Level.values)
    assert {step for _level, step in method["placements"]} <= set(Step.values)
    days = [step["day"] for step in method["steps"]]
    assert days == sorted(set(days)) and len(days) >= 4
    for step in method["steps"]:
        assert len(step["title"]) <= _max_length(MethodStep, "title")
        assert len(step["who"]) <= _max_length(MethodStep, "who")
    assert 1 <= len(method["templates"]) <= 3
    for template in method["templates"]:
        assert len(template["title"]) <= _max_length(MethodTemplate, "title")
        assert template["body"].strip()
