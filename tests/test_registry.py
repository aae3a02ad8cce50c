"""The one shape of the kernel's registries: entries by key, in the order they were registered."""

import pytest

from ivanovo_portal.registry import Registry


@pytest.fixture
def colours():
    registry = Registry("colours", hint="Register a colour in AppConfig.ready().")
    registry.register("red", "#f00")
    registry.register("green", "#0f0")
    return registry


def test_a_registered_entry_is_found_by_its_key(colours):
    assert colours.get("red") == "#f00"
    assert "red" in colours
    assert "blue" not in colours


def test_register_returns_the_entry(colours):
    assert colours.register("blue", "#00f") == "#00f"


def test_entries_keep_the_order_they_were_registered_in(colours):
    colours.register("blue", "#00f")
    assert colours.keys() == ["red", "green", "blue"]
    assert colours.values() == ["#f00", "#0f0", "#00f"]
    assert colours.items() == [("red", "#f00"), ("green", "#0f0"), ("blue", "#00f")]


def test_registering_a_key_again_replaces_its_entry_in_its_place(colours):
    colours.register("red", "#e00")
    assert colours.items() == [("red", "#e00"), ("green", "#0f0")]


def test_an_unknown_key_names_the_registry_the_known_keys_and_the_hint(colours):
    with pytest.raises(LookupError) as refused:
        colours.get("blue")
    message = str(refused.value)
    assert "'blue'" in message
    assert "colours" in message
    assert "red, green" in message
    assert "Register a colour in AppConfig.ready()." in message


def test_an_empty_registry_says_it_knows_none():
    with pytest.raises(LookupError, match="known: none"):
        Registry("shapes").get("circle")


def test_override_adds_entries_for_the_block_and_restores_afterwards(colours):
    with colours.override({"blue": "#00f", "red": "#e00"}) as registry:
        assert registry is colours
        assert colours.get("blue") == "#00f"
        assert colours.get("red") == "#e00"
        assert colours.get("green") == "#0f0"
    assert colours.items() == [("red", "#f00"), ("green", "#0f0")]


def test_override_with_only_leaves_just_the_given_entries(colours):
    with colours.override({"blue": "#00f"}, only=True):
        assert colours.items() == [("blue", "#00f")]
    assert colours.keys() == ["red", "green"]


def test_override_restores_even_what_the_block_registered_or_when_it_fails(colours):
    with pytest.raises(RuntimeError), colours.override(only=True):
        colours.register("blue", "#00f")
        raise RuntimeError
    assert colours.items() == [("red", "#f00"), ("green", "#0f0")]
