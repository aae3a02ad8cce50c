"""Counts that every serving adds to, a kept page's too: the readings of an article, the downloads
of a file. They are the campaign's reach, which nobody reads to the second.

Counted by an UPDATE, each serving waits for its commit to reach the disk: the kept news article
was served at a third of the speed of the other kept pages. On Redis a count is one HINCRBY into
one hash of the default cache's Redis (the broker's, which keeps what it holds and never evicts
it), and ``write`` adds what was counted to the rows: Celery beat sends ``tasks.write_counts``
every minute. Without Redis (the embedded default) each count is written at once.

Neither way gives a table a new version (``tables.unseen``): a count does not retire the pages
that show it, which show the sums within their lifetime.
"""

import re
from collections import defaultdict

from django.apps import apps
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import F

from . import tables

KEY = "pagecache:counts"
# Who reads a page or fetches a file without being a person: not the campaign's reach.
ROBOTS = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|curl|wget", re.IGNORECASE)


def add(request, model, pk, field):
    """Count ``request``'s reading or download once more for the row ``pk`` of ``model``, in
    its integer ``field``, unless a robot sent it."""
    if ROBOTS.search(request.headers.get("User-Agent", "")):
        return
    client, key = _redis()
    if client is None:
        _write_rows({(model, field, 1): [pk]})
    else:
        client.hincrby(key, f"{model._meta.label}.{field}:{pk}", 1)


def write():
    """Add the counts kept in Redis to their rows, in one transaction; the number of rows updated.

    The counts are taken out of Redis at once (MULTI/EXEC), so that two writers never add the
    same count, and given back if the database refuses them. A worker killed between the two
    loses the counts it held: at most a minute's readings, never one counted twice."""
    client, key = _redis()
    if client is None:
        return 0
    with client.pipeline() as pipeline:
        pipeline.hgetall(key)
        pipeline.delete(key)
        taken, _deleted = pipeline.execute()
    if not taken:
        return 0
    try:
        return _write_rows(_grouped(taken))
    except BaseException:
        with client.pipeline() as pipeline:
            for entry, count in taken.items():
                pipeline.hincrby(key, entry, int(count))
            pipeline.execute()
        raise


def _redis():
    """The default cache's Redis client and the hash's key in it, or (None, None) without one."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None, None
    return backend._cache.get_client(write=True), backend.make_and_validate_key(KEY)


def _grouped(taken):
    """{(model, field, count): [pk, …]} from the hash's {b"app.Model.field:pk": b"count"}: the
    rows that get the same count share one UPDATE."""
    rows = defaultdict(list)
    for entry, count in taken.items():
        counted, pk = entry.decode().rsplit(":", 1)
        label, field = counted.rsplit(".", 1)
        try:
            model = apps.get_model(label)
            model._meta.get_field(field)
        except (LookupError, FieldDoesNotExist):
            continue  # counted by a release whose model or field is gone: nothing to add it to
        rows[model, field, int(count)].append(int(pk))
    return rows


def _write_rows(rows):
    updated = 0
    with tables.unseen(), transaction.atomic():
        for (model, field, count), pks in rows.items():
            updated += model._default_manager.filter(pk__in=pks).update(**{field: F(field) + count})
    return updated
