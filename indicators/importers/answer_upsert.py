"""Insert answers, or update those that exist, in bulk with INSERT ... ON CONFLICT.

`indicators.bulk_sql` explains why this does not go through bulk_create.
"""

from collections.abc import Callable, Sequence

from indicators.bulk_sql import write_rows
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
    write_rows(
        Answer,
        FIELDS,
        rows,
        conflict_fields=UNIQUE_FIELDS,
        update_fields=update_fields,
        progress=progress,
        progress_step=progress_step,
    )
