"""Writing many rows of one model in one statement, for the few paths where a resident waits on it
(an answer sent online writes one row per answer).

``bulk_create`` takes model instances, prepares every field of each through the field's save hooks
and reads the new ids back onto them: for the 36 answers of a 30-question page, making the
instances and writing them took more CPU than everything else the submission does. ``insert``
takes any objects that carry the model's values by attribute name (a small dataclass is made ten
times faster than a model instance), writes them as they are and reads nothing back.
"""

from functools import cache

from django.db import connections, router


def insert(model, rows, **shared):
    """Write ``rows`` into ``model``'s table in one statement. Each row carries a value for every
    column but the id and those in ``shared`` (values common to all rows), by attribute name
    (``question_id``, not ``question``).

    For plain columns only: values are written as given, so a field that fills itself on save
    (``auto_now``) must be given its value."""
    rows = list(rows)
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields, statement = _statement(model, connection.alias)
    columns = [
        [shared[field.attname]] * len(rows)
        if field.attname in shared
        else [getattr(row, field.attname) for row in rows]
        for field in fields
    ]
    # Most of an answer's columns are empty: None needs no preparing.
    columns = [
        [None if value is None else field.get_db_prep_save(value, connection) for value in values]
        for field, values in zip(fields, columns, strict=True)
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(statement, columns)
        else:
            cursor.executemany(statement, list(zip(*columns, strict=True)))


@cache
def _statement(model, alias):
    """The columns ``insert`` writes and its statement on the database ``alias``."""
    connection = connections[alias]
    meta = model._meta
    fields = [field for field in meta.concrete_fields if field is not meta.auto_field]
    quote = connection.ops.quote_name
    into = f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)})"
    if connection.vendor == "postgresql":
        # One array per column: the statement is the same however many rows it writes.
        arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
        return fields, f"{into} SELECT * FROM unnest({arrays})"
    return fields, f"{into} VALUES ({', '.join(['%s'] * len(fields))})"
