"""Write many rows of one model with a few SQL statements.

`bulk_create` prepares every value of every row through the model fields, which took most
of the time of an import or a score computation with tens of thousands of rows. These
functions send the statements that bulk_create would send, with the values as given. On
PostgreSQL the rows go in with COPY, because Django's psycopg cursors bind parameters on
the client, value by value, which is slow for large statements. On SQLite they go in
multi-row INSERT statements; ON CONFLICT needs SQLite 3.24 or later.

The caller passes values already in their database form (ids for foreign keys), in the
order of `fields`. Only names from the model's metadata go into the statements.
"""

from collections.abc import Callable, Iterable, Sequence

from django.db import connection, models

# Most query parameters per INSERT statement when the database sets no lower limit.
MAX_QUERY_PARAMS = 10_000


def _columns(model: type[models.Model], names: Iterable[str]) -> list[str]:
    quote = connection.ops.quote_name
    return [quote(model._meta.get_field(name).column) for name in names]


def write_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Sequence[tuple],
    *,
    conflict_fields: Sequence[str] = (),
    update_fields: Sequence[str] = (),
    progress: Callable[[int], None] | None = None,
    progress_step: int = 5000,
) -> None:
    """Insert rows (values in `fields` order), calling progress(rows done) on the way.

    With `conflict_fields`, a row that clashes with a stored one on those fields updates its
    `update_fields` instead. Must run inside a transaction, and no two rows may clash.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(_columns(model, fields))
    on_conflict = ""
    if conflict_fields:
        updates = _columns(model, update_fields)
        on_conflict = (
            f" ON CONFLICT ({', '.join(_columns(model, conflict_fields))}) DO UPDATE SET "
            + ", ".join(f"{column} = excluded.{column}" for column in updates)
        )

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            staging = quote(f"{model._meta.db_table}_staging")
            _copy_rows(cursor, table, staging, columns, on_conflict, rows, progress, progress_step)
        else:
            _insert_rows(
                cursor, table, columns, len(fields), on_conflict, rows, progress, progress_step
            )

    if progress is not None:
        progress(len(rows))


def _copy_rows(cursor, table, staging, columns, on_conflict, rows, progress, progress_step) -> None:
    # COPY cannot resolve conflicts, so conflicting writes go through a staging table.
    target = staging if on_conflict else table
    if on_conflict:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {target} AS SELECT {columns} FROM {table} WITH NO DATA"  # noqa: S608
        )
    with cursor.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
        for done, row in enumerate(rows, start=1):
            copy.write_row(row)
            if progress is not None and done % progress_step == 0:
                progress(done)
    if on_conflict:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {target}{on_conflict}"  # noqa: S608
        )
        cursor.execute(f"DROP TABLE {target}")


def _insert_rows(cursor, table, columns, width, on_conflict, rows, progress, progress_step) -> None:
    placeholders = "(" + ", ".join(["%s"] * width) + ")"
    max_params = min(connection.features.max_query_params or MAX_QUERY_PARAMS, MAX_QUERY_PARAMS)
    rows_per_statement = max_params // width
    insert = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
    next_report = progress_step
    for start in range(0, len(rows), rows_per_statement):
        batch = rows[start : start + rows_per_statement]
        values = ", ".join([placeholders] * len(batch))
        cursor.execute(insert + values + on_conflict, [value for row in batch for value in row])
        if progress is not None and start + len(batch) >= next_report:
            progress(start + len(batch))
            next_report += progress_step
