"""The Redis caches keep one client per connection pool (``ivanovo_portal.cache``): Django's own
backend makes one per operation, which costs as much as the round trip."""

from django.core.cache import caches


def test_every_operation_of_a_cache_goes_through_one_client():
    backend = caches["default"]

    backend.set("test:one-client", 1)
    assert backend.get("test:one-client") == 1
    assert backend._cache.get_client() is backend._cache.get_client(write=True)


def test_each_cache_has_its_own_client():
    assert caches["default"]._cache.get_client() is not caches["pages"]._cache.get_client()
