"""The Redis caches keep one client per connection pool (``ivanovo_portal.cache``): Django's own
backend makes one per operation, which costs as much as the round trip."""

import pytest
from django.core.cache import caches


def test_every_operation_of_a_cache_goes_through_one_client():
    backend = caches["default"]

    backend.set("test:one-client", 1)
    assert backend.get("test:one-client") == 1
    assert backend._cache.get_client() is backend._cache.get_client(write=True)


def test_each_cache_has_its_own_client():
    assert caches["default"]._cache.get_client() is not caches["pages"]._cache.get_client()


def test_values_that_never_expire_are_set_in_one_command_without_a_transaction(monkeypatch):
    backend = caches["pages"]
    client = backend._cache.get_client(write=True)
    monkeypatch.setattr(client, "pipeline", lambda *args, **kwargs: pytest.fail("a pipeline"))

    backend.set_many({"test:kept-a": "a", "test:kept-b": 2}, timeout=None)

    assert backend.get_many(["test:kept-a", "test:kept-b"]) == {
        "test:kept-a": "a",
        "test:kept-b": 2,
    }
    assert client.ttl(backend.make_and_validate_key("test:kept-a")) == -1  # no expiry


def test_values_with_a_timeout_expire():
    backend = caches["pages"]

    backend.set_many({"test:brief": "b"}, timeout=60)

    assert backend.get("test:brief") == "b"
    assert 0 < backend._cache.get_client().ttl(backend.make_and_validate_key("test:brief")) <= 60
