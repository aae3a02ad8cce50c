"""Writing many rows of one model in one statement, for the few paths where a resident waits on it
(an answer sent online writes one row per answer).

``bulk_create`` takes model instances, prepares every field of each through the field's save hooks
and reads the new ids back onto them: for the 36 answers of a 30-question page, making the
instances and writing them took more CPU than everything else the submission does. ``insert``
takes any objects that carry the model's values by attribute name (a small dataclass is made ten
times faster than a model instance), writes them as they are and reads nothing back.

On PostgreSQL the rows travel as one JSON parameter, which the database reads into rows of the
table's own types (``jsonb_populate_recordset``): encoding it is one call to ``json.dumps``,
where one array per column cost more than the rest of the submission's Python.

``create_with`` writes a new row together with such rows that belong to it. On PostgreSQL that is
one statement: a single round trip, and a transaction of its own when none is open, where
``save`` and ``insert`` in ``transaction.atomic`` take four (BEGIN, two statements, COMMIT).
"""

import json
from contextlib import nullcontext
from functools import cache

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, router, transaction


def insert(model, rows, **shared):
    """Write ``rows`` into ``model``'s table in one statement. Each row carries a value for every
    column but the id and those in ``shared`` (values common to all rows), by attribute name
    (``question_id``, not ``question``).

    For plain columns only (text, numbers, dates, keys): values are written as given, so a field
    that fills itself on save (``auto_now``) must be given its value."""
    rows = list(rows)
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields, statement = _statement(model, connection.alias)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(statement, [_as_json(fields, rows, shared)])
        else:
            cursor.executemany(statement, _as_tuples(fields, rows, shared, connection))


def create_with(instance, model, rows, *, link):
    """Save the new ``instance`` and write ``rows`` of ``model`` (as ``insert`` takes them), each
    pointing at it through the foreign key ``link``; ``instance`` then has its id.

    On PostgreSQL in one statement: the rows take the id the instance's INSERT returns, and
    outside a transaction the whole is written or nothing is. The instance's fields are prepared
    as ``save`` prepares them, but a ``save`` of the model's own and its signals do not run: for
    models that have neither. Elsewhere (the embedded default's SQLite, in the same process)
    ``save`` and ``insert`` in one transaction."""
    rows = list(rows)
    alias = router.db_for_write(type(instance), instance=instance)
    connection = connections[alias]
    attname = model._meta.get_field(link).attname
    if connection.vendor != "postgresql":
        with transaction.atomic(using=alias):
            instance.save(force_insert=True, using=alias)
            insert(model, rows, **{attname: instance.pk})
        return
    own_fields, fields, statement = _statement_with(type(instance), model, attname, alias)
    own = [
        field.get_db_prep_save(field.pre_save(instance, add=True), connection)
        for field in own_fields
    ]
    # Outside a transaction the statement is one of its own. Inside one, it goes in a savepoint,
    # as ``save`` in ``atomic`` would, so that a refused write leaves that transaction usable.
    within = transaction.atomic(using=alias) if connection.in_atomic_block else nullcontext()
    with within, connection.cursor() as cursor:
        cursor.execute(statement, [*own, _as_json(fields, rows, {})])
        instance.pk = cursor.fetchone()[0]
    instance._state.adding = False
    instance._state.db = alias


def _as_json(fields, rows, shared):
    """The rows as a JSON array of objects by column name, for ``jsonb_populate_recordset``."""
    common = {field.column: shared[field.attname] for field in fields if field.attname in shared}
    own = [(field.column, field.attname) for field in fields if field.attname not in shared]
    return json.dumps(
        [common | {column: getattr(row, attname) for column, attname in own} for row in rows],
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
    )


def _as_tuples(fields, rows, shared, connection):
    """The rows as tuples of values prepared for the database, in the order of ``fields``."""

    def prepared(field, row):
        value = shared[field.attname] if field.attname in shared else getattr(row, field.attname)
        return None if value is None else field.get_db_prep_save(value, connection)

    return [tuple(prepared(field, row) for field in fields) for row in rows]


def _written(model):
    """The fields a new row of ``model`` is written with: all but the generated id."""
    meta = model._meta
    return [
        field
        for field in meta.concrete_fields
        if field is not meta.auto_field and not field.generated
    ]


def _into(model, fields, connection):
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns})"


def _from_json(model, fields, connection):
    """The columns ``fields`` of rows read from a JSON parameter (``_as_json``) as ``new``."""
    quote = connection.ops.quote_name
    columns = ", ".join(f"new.{quote(field.column)}" for field in fields)
    table = quote(model._meta.db_table)
    return columns, f"jsonb_populate_recordset(NULL::{table}, %s::jsonb) AS new"


@cache
def _statement(model, alias):
    """The columns ``insert`` writes and its statement on the database ``alias``."""
    connection = connections[alias]
    fields = _written(model)
    into = _into(model, fields, connection)
    if connection.vendor == "postgresql":
        columns, source = _from_json(model, fields, connection)
        return fields, f"{into} SELECT {columns} FROM {source}"
    return fields, f"{into} VALUES ({', '.join(['%s'] * len(fields))})"


@cache
def _statement_with(owner, model, attname, alias):
    """``create_with``'s statement on PostgreSQL: (the owner's columns, the rows' columns but the
    link, the statement). Its one result is the owner's new id."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    own_fields = _written(owner)
    link = model._meta.get_field(attname)
    fields = [field for field in _written(model) if field is not link]
    values = ", ".join(["%s"] * len(own_fields))
    pk = quote(owner._meta.pk.column)
    columns, source = _from_json(model, fields, connection)
    # A data-modifying WITH runs to its end whether or not the query reads it.
    return (
        own_fields,
        fields,
        f"WITH owner AS ({_into(owner, own_fields, connection)} VALUES ({values}) RETURNING {pk}),"
        f" rows AS ({_into(model, [link, *fields], connection)}"
        f" SELECT owner.{pk}, {columns} FROM owner, {source})"
        f" SELECT {pk} FROM owner",
    )
