"""How often one client address did something lately, counted in the cache and nowhere else.

The cache keys hold a keyed hash (HMAC with SECRET_KEY) of the address and what was counted, never
the address: whoever reads the cache cannot tell who sent what, and nothing is kept past two
hours. The count over the last hour is the current hour's plus the previous hour's weighted by
the part of it still inside the hour (a sliding window from two fixed ones).
"""

import ipaddress
import time

from axes.helpers import get_client_ip_address
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.utils.crypto import salted_hmac

WINDOW = 60 * 60


def client_address(request):
    """The client's address as the login throttling reads it (behind DJANGO_TRUSTED_PROXIES, from
    X-Forwarded-For); an IPv6 address stands for its /64 network, which one subscriber holds."""
    address = get_client_ip_address(request) or ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _keys(scope, address, now):
    digest = salted_hmac("ivanovo_portal.throttle", f"{scope}\n{address}", algorithm="sha256")
    window = int(now // WINDOW)
    return f"throttle:{digest.hexdigest()}:{window}", f"throttle:{digest.hexdigest()}:{window - 1}"


def _sliding(current, previous, now):
    still_inside = 1 - (now % WINDOW) / WINDOW
    return current + previous * still_inside


def rate(scope, address):
    """How many times ``address`` did ``scope`` in the last hour."""
    now = time.time()
    current, previous = _keys(scope, address, now)
    counts = cache.get_many([current, previous])
    return _sliding(counts.get(current, 0), counts.get(previous, 0), now)


def hit(scope, address):
    """Count ``address`` doing ``scope`` once more; the rate over the last hour, this one in."""
    now = time.time()
    current, previous = _keys(scope, address, now)
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        count, before = _hit_redis(backend, current, previous)
    else:
        cache.add(current, 0, timeout=2 * WINDOW)
        try:
            count = cache.incr(current)
        except ValueError:  # expired between add and incr, at the very end of its two hours
            cache.set(current, 1, timeout=2 * WINDOW)
            count = 1
        before = cache.get(previous, 0)
    return _sliding(count, before, now)


def _hit_redis(backend, current, previous):
    """``hit``'s counting on Redis in one round trip (every answer sent online makes one): a
    transaction that makes the hour's count with its expiry if it is new, adds one to it and reads
    the previous hour's. Through the cache's own client, keys and integer values, so that ``rate``
    reads the same counts."""
    keys = [backend.make_and_validate_key(key) for key in (current, previous)]
    with backend._cache.get_client(write=True).pipeline() as pipeline:
        pipeline.set(keys[0], 0, nx=True, ex=2 * WINDOW)
        pipeline.incr(keys[0])
        pipeline.get(keys[1])
        _made, count, before = pipeline.execute()
    return count, int(before or 0)
