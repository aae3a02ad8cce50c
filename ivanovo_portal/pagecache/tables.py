"""The versions of the database's tables: which tables a statement reads or writes, a new version
for every table written once its transaction commits, and what a rendering read.

Every connection of every process runs its statements through ``watch`` (installed when the
connection opens, ``apps.PageCacheConfig``). A write is recognised by its statement, whatever made
it: ``Model.save``, ``QuerySet.update``, ``bulk_create``, a cascade, raw SQL. The new versions are
given on commit: a page rendered from the old rows between the statement and the commit is kept
under the old version, which the commit then retires.
"""

import re
import secrets
import threading
from contextlib import contextmanager
from functools import cache as once

from django.apps import apps
from django.core.cache import cache, caches
from django.db import transaction

KEY = "pagecache:table:{}"
WORDS = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
WRITE = re.compile(
    r"""\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+["`]?(\w+)""",
    re.IGNORECASE,
)
# The writes of a statement that begins with WITH (``ivanovo_portal.bulk.create_with``).
WRITES_WITHIN = re.compile(
    r"""\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)""", re.IGNORECASE
)

# Written on nearly every request of a visitor with a session, read by none that is kept: a kept
# page is made for a visitor without one.
NEVER_KEPT = frozenset({"django_session"})

_local = threading.local()


@once
def known_tables():
    """The tables of every model, many-to-many ones included."""
    return frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))


def tables_in(sql):
    """The project's tables a statement names (a column that shares a table's name would add a
    table: at worst a page is rendered again once more than it needs)."""
    return known_tables().intersection(WORDS.findall(sql))


def written_by(sql):
    """The tables a statement writes: its target; every table named, for a TRUNCATE; each
    table an INSERT, UPDATE or DELETE within it names, for a WITH."""
    if sql.lstrip()[:4].upper() == "WITH":
        return tuple((known_tables() - NEVER_KEPT).intersection(WRITES_WITHIN.findall(sql)))
    match = WRITE.match(sql)
    if match is None or match.group(1) in NEVER_KEPT:
        return ()
    if sql.lstrip()[:8].upper() == "TRUNCATE":
        return tables_in(sql)
    return (match.group(1),)


def pages():
    """The cache of pages and table versions (``CACHES["pages"]``)."""
    return caches["pages"]


def key(table):
    return KEY.format(table)


def new_version():
    return secrets.token_hex(8)


def bump(tables):
    """Give each of ``tables`` a new version: every page that read one is rendered again."""
    if tables:
        pages().set_many({key(table): new_version() for table in tables}, timeout=None)


def versions():
    """{table: its version now, or None if it has none yet} for every table."""
    tables = known_tables()
    found = pages().get_many([key(table) for table in tables])
    return {table: found.get(key(table)) for table in tables}


def current(versions_of):
    """Whether every table of ``versions_of`` ({table: version}) still has that version."""
    found = pages().get_many([key(table) for table in versions_of])
    return all(found.get(key(table)) == version for table, version in versions_of.items())


def made_from(before, read):
    """The versions of the tables ``read`` that what was made from them (a page) was made from:
    those they had ``before`` it began (``versions()``), and a first one for each table no write
    has given one yet; None if such a table was written meanwhile (what was made may be older
    than the write)."""
    made = {table: before[table] for table in read if before[table] is not None}
    for table in read - made.keys():
        version = new_version()
        if not pages().add(key(table), version, timeout=None):
            return None
        made[table] = version
    return made


class Recording:
    """What one rendering read and whether it wrote."""

    def __init__(self):
        self.read = set()
        self.wrote = False


@contextmanager
def recording():
    """Note the tables the statements of this thread read while the block runs. A recording
    inside another tells the outer one what it saw."""
    previous = getattr(_local, "recording", None)
    _local.recording = noted = Recording()
    try:
        yield noted
    finally:
        _local.recording = previous
        if previous is not None:
            previous.read |= noted.read
            previous.wrote |= noted.wrote


def remembered(key, compute, timeout=None):
    """``compute()``, kept in the cache under ``key`` as ``cache.get_or_set`` would, with the
    tables it read: a page that uses the kept value depends on them as if it had read them
    itself, so the page is rendered again when one changes (whether the value is then computed
    again is the key's business)."""
    kept = cache.get(key)
    if kept is None:
        with recording() as noted:
            value = compute()
        kept = (value, frozenset(noted.read))
        cache.set(key, kept, timeout=timeout)
    value, read = kept
    if (outer := getattr(_local, "recording", None)) is not None:
        outer.read.update(read)
    return value


# {key: (what it was made for, the versions of the tables read, the value)}: see ``in_memory``.
_in_memory = {}


def in_memory(key, compute, *, made_for=None):
    """``compute()``, kept in this process's memory under ``key`` and given again while every
    table it read keeps its version, and ``made_for`` (what outside those tables it depends on,
    a row passed in, say) is the same. A value computed while one of those tables was written is
    not kept. A page that uses the value depends on those tables as if it had read them itself.
    Keep values no request changes, under keys of which there are few."""
    kept = _in_memory.get(key)
    if kept is not None and kept[0] == made_for and current(kept[1]):
        if (outer := getattr(_local, "recording", None)) is not None:
            outer.read.update(kept[1])
        return kept[2]
    before = versions()
    with recording() as noted:
        value = compute()
    made = made_from(before, noted.read)
    if made is not None:
        _in_memory[key] = (made_for, made, value)
    return value


@contextmanager
def unseen():
    """Writes no page shows at once: the counts of readings and downloads (``counts``). They give
    no table a new version and do not keep the page that made them from being cached; the pages
    that sum them show the sums within a page's lifetime."""
    _local.unseen = getattr(_local, "unseen", 0) + 1
    try:
        yield
    finally:
        _local.unseen -= 1


def watch(execute, sql, params, many, context):
    """The execute wrapper of every connection (``Connection.execute_wrapper``)."""
    result = execute(sql, params, many, context)
    if getattr(_local, "unseen", 0):
        return result
    noted = getattr(_local, "recording", None)
    if noted is not None:
        noted.read.update(tables_in(sql))
    written = written_by(sql)
    if written:
        if noted is not None:
            noted.wrote = True
        after_write(context["connection"].alias, written)
    return result


def bump_on_commit(alias, tables):
    """The versions change when the transaction commits (at once outside one). One flush is
    registered per statement: a rolled-back transaction discards its own, and whatever it left
    pending is bumped with the next commit, which costs a rendering and nothing else."""
    pending = _pending(alias)
    pending.update(tables)
    transaction.on_commit(lambda: bump(_flush(alias)), using=alias, robust=True)


# Tests replace it: their transactions never commit (tests/conftest.py).
after_write = bump_on_commit


def _pending(alias):
    if not hasattr(_local, "pending"):
        _local.pending = {}
    return _local.pending.setdefault(alias, set())


def _flush(alias):
    pending = _pending(alias)
    tables = set(pending)
    pending.clear()
    return tables


def watch_connection(sender, connection, **kwargs):
    """``connection_created``: run the connection's statements through ``watch``. The wrapper
    object outlives the connections it opens, so it is added once."""
    if watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch)
