"""The backend of every Redis cache (``CACHES`` in the settings): Django's own, with one client per
connection pool, and values without an expiry set in one command.

Django's Redis cache makes a new ``redis.Redis`` for every operation, and making one copies its
table of reply callbacks: about 80 µs here, as long as the round trip itself. An answer sent
online makes four cache operations (the session, the tables it read, the throttle, the versions
its write gives), and a kept page two. A client holds no state of its own but its pool's, so one
is made per pool and kept.

``set_many`` sends MSET in a MULTI/EXEC transaction, for the expiry it may set on each key after.
The table versions (``pagecache.tables.bump``, on every answer sent) never expire: MSET alone,
atomic by itself, sets them in one command instead of three.
"""

from django.core.cache.backends import redis as django_redis


class _Client(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def set_many(self, data, timeout):
        if timeout is not None:
            return super().set_many(data, timeout)
        dumps = self._serializer.dumps
        self.get_client(write=True).mset({key: dumps(value) for key, value in data.items()})
        return None


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client
