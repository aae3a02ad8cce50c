"""Benchmarks of the portal, run by ``make bench`` (``python -m bench``).

Each module in this package (names not starting with ``_``) exposes ``run() -> dict`` returning
``{name: {"value": float, "unit": str, "target": str, "ok": bool}}``; helpers for that are here.
Benchmarks work on a database of their own, created fresh from ``DATABASE_URL`` (same server, name
``ivanovo_portal_bench`` or ``BENCH_DATABASE_NAME``) and dropped afterwards, so they never touch
development or test data.
"""

import atexit
import os
import statistics
import sys
import time
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

BENCH_DATABASE_NAME = os.environ.get("BENCH_DATABASE_NAME", "ivanovo_portal_bench")

_ready = False


class BenchSetupError(RuntimeError):
    """The benchmarks cannot run here (no PostgreSQL, say)."""


def _bench_database_url(url):
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise BenchSetupError(
            "Benchmarks run on PostgreSQL: set DATABASE_URL=postgres://... (make bench does)."
        )
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE_NAME}"))


def _admin_connection(bench_url):
    import psycopg

    parts = urlsplit(bench_url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    try:
        return psycopg.connect(maintenance, autocommit=True)
    except psycopg.OperationalError as exc:
        raise BenchSetupError(f"Cannot reach PostgreSQL: {exc}".strip()) from exc


def _name_of(url):
    return urlsplit(url).path.lstrip("/")


def _recreate_database(bench_url):
    from psycopg import sql

    with _admin_connection(bench_url) as conn:
        name = sql.Identifier(_name_of(bench_url))
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def _drop_database(bench_url):
    from django.db import connections
    from psycopg import sql

    connections.close_all()
    if os.environ.get("BENCH_KEEP_DB") == "1":
        return
    with _admin_connection(bench_url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(_name_of(bench_url))
            )
        )


def purge_queued_tasks():
    """Drop every task waiting in the benchmarks' queue."""
    from ivanovo_portal import celery_app

    celery_app.control.purge()


def setup():
    """Create the benchmark database afresh, point Django at it, set Django up and migrate.
    Idempotent: every benchmark calls it; only the first call does the work."""
    global _ready
    if _ready:
        return
    bench_url = _bench_database_url(os.environ.get("DATABASE_URL", ""))
    _recreate_database(bench_url)
    os.environ["DATABASE_URL"] = bench_url
    # Debug stays on: production static storage needs a collectstatic manifest. Cache keys of
    # the benchmarks are kept apart from anyone else's on the same Redis.
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ["CACHE_KEY_PREFIX"] = "ivanovo-bench"
    # Documents the benchmarks queue (publishing a report does) wait in a queue of their own,
    # emptied at the end, so that no worker renders them against another database.
    os.environ["CELERY_QUEUE"] = "ivanovo-bench"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ivanovo_portal.settings")

    import django
    from django.core.management import call_command

    django.setup()
    atexit.register(_drop_database, bench_url)
    atexit.register(purge_queued_tasks)
    call_command("migrate", verbosity=0, interactive=False)
    from django.core.cache import cache

    cache.clear()
    _ready = True


@contextmanager
def database_of_its_own(suffix):
    """A fresh, migrated database beside the benchmarks' one (its name and ``_<suffix>``), for a
    benchmark whose content would change what the others measure (the whole demo, say): Django's
    connection points at it for the block, then back at the benchmarks' one, and it is dropped.
    The cache is emptied on the way in and out (its keys hold row ids). Yields the database's
    URL, for the processes the benchmark starts."""
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    shared_url = os.environ["DATABASE_URL"]
    url = urlunsplit(urlsplit(shared_url)._replace(path=f"/{_name_of(shared_url)}_{suffix}"))
    _recreate_database(url)
    connection.close()
    connection.settings_dict["NAME"] = _name_of(url)
    cache.clear()
    try:
        call_command("migrate", verbosity=0, interactive=False)
        yield url
    finally:
        connection.close()
        connection.settings_dict["NAME"] = _name_of(shared_url)
        cache.clear()
        _drop_database(url)


def figure(value, unit, target, ok):
    """One result: ``target`` is the human-readable goal, e.g. ``"<= 150"``."""
    return {"value": round(float(value), 2), "unit": unit, "target": target, "ok": bool(ok)}


def at_most(value, unit, limit):
    return figure(value, unit, f"<= {limit}", value <= limit)


def timed_median(function, repeat):
    """The median wall time of ``function()`` over ``repeat`` calls, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def page(client, url, repeat, name):
    """A page through the whole Django stack: (queries of one request after a warm-up, median
    milliseconds over ``repeat`` requests). The request's own session and user look-ups are part
    of the page, so they are counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise AssertionError(f"GET {url} answered {response.status_code}")

    get()  # warm up: caches, connection, templates
    with CaptureQueriesContext(connection) as queries:
        get()
    log(f"{name} x {repeat}")
    return len(queries), timed_median(get, repeat)


def log(message):
    print(f"  … {message}", file=sys.stderr, flush=True)
