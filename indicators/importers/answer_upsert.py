"""Insert answers, or update those that exist, in bulk with INSERT ... ON CONFLICT.

This is the statement that `bulk_create(update_conflicts=True)` sends, written out because
bulk_create prepares every value of every row through the model fields, which took most of
the import time for tens of thousands of answers. On PostgreSQL the rows are first copied
into a temporary table with COPY, because Django's psycopg cursors bind parameters on the
client, value by value, which is slow for large statements. SQLite needs version 3.24 or
later for ON CONFLICT.
"""

from collections.abc import Callable, Sequence

from django.db import connection

from indicators.models import Answer

# The Answer fields in the order of the value tuples passed to upsert_answers.
FIELDS = (
    "response",
    "indicator",
    "option",
    "direct_score",
    "is_not_applicable",
    "source",
    "comment",
    "entered_by",
    "entered_at",
)
UNIQUE_FIELDS = ("response", "indicator")

# Most query parameters per INSERT statement when the database sets no lower limit.
MAX_QUERY_PARAMS = 10_000

STAGING_TABLE = "indicators_answer_import"


def upsert_answers(
    rows: Sequence[tuple],
    update_fields: Sequence[str],
    progress: Callable[[int], None] | None = None,
    progress_step: int = 5000,
) -> None:
    """Write answer rows (values in FIELDS order) and call progress(rows done) on the way.

    An existing answer of the same response and indicator gets the `update_fields` values.
    Must run inside a transaction, and no two rows may share a response and indicator.
    """
    quote = connection.ops.quote_name
    table = quote(Answer._meta.db_table)
    columns = ", ".join(quote(Answer._meta.get_field(name).column) for name in FIELDS)
    unique = ", ".join(quote(Answer._meta.get_field(name).column) for name in UNIQUE_FIELDS)
    updates = [quote(Answer._meta.get_field(name).column) for name in update_fields]
    on_conflict = f" ON CONFLICT ({unique}) DO UPDATE SET " + ", ".join(
        f"{column} = excluded.{column}" for column in updates
    )

    # Only names from the model's metadata go into the statements. Values are parameters.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            staging = quote(STAGING_TABLE)
            cursor.execute(
                f"CREATE TEMPORARY TABLE {staging} AS SELECT {columns} FROM {table} WITH NO DATA"  # noqa: S608
            )
            with cursor.copy(f"COPY {staging} ({columns}) FROM STDIN") as copy:
                for done, row in enumerate(rows, start=1):
                    copy.write_row(row)
                    if progress is not None and done % progress_step == 0:
                        progress(done)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging}{on_conflict}"  # noqa: S608
            )
            cursor.execute(f"DROP TABLE {staging}")
        else:
            placeholders = "(" + ", ".join(["%s"] * len(FIELDS)) + ")"
            max_params = min(
                connection.features.max_query_params or MAX_QUERY_PARAMS, MAX_QUERY_PARAMS
            )
            rows_per_statement = max_params // len(FIELDS)
            insert = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
            next_report = progress_step
            for start in range(0, len(rows), rows_per_statement):
                batch = rows[start : start + rows_per_statement]
                values = ", ".join([placeholders] * len(batch))
                cursor.execute(
                    insert + values + on_conflict, [value for row in batch for value in row]
                )
                if progress is not None and start + len(batch) >= next_report:
                    progress(start + len(batch))
                    next_report += progress_step

    if progress is not None:
        progress(len(rows))
