"""Errors of the file importers.

Every error names the file, the row as a spreadsheet shows it (the header is row 1), the
column and the value, and states what is allowed, so that a user can fix the file alone.
"""

from collections.abc import Iterable
from dataclasses import dataclass

# How many errors `str(ImportFailed)` lists before it only counts the rest.
LISTED_ERRORS = 50

# Maximum length of a cell value quoted in a message. Longer values are cut with an ellipsis.
QUOTED_VALUE_LENGTH = 60


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in an import file.

    `row` is None for a problem of the whole file (encoding, missing columns), and `column`
    is None for a problem of a whole row.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        location = self.file
        if self.row is not None:
            location += f", row {self.row}"
        if self.column is not None:
            location += f', column "{self.column}"'
        return f"{location}: {self.message}"


class ImportFailed(Exception):
    """An import file was rejected; nothing was written. `errors` lists every problem found."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(self._describe())

    def _describe(self) -> str:
        lines = [str(error) for error in self.errors[:LISTED_ERRORS]]
        hidden = len(self.errors) - LISTED_ERRORS
        if hidden > 0:
            lines.append(f"... and {hidden} more errors.")
        return "\n".join(lines)


def quoted(value: object) -> str:
    """Return a cell value in double quotes for a message, cut to QUOTED_VALUE_LENGTH."""
    text = str(value)
    if len(text) > QUOTED_VALUE_LENGTH:
        text = text[: QUOTED_VALUE_LENGTH - 1] + "…"
    return f'"{text}"'


def allowed_values(values: Iterable[str], limit: int = 12) -> str:
    """Join allowed values for a message, listing at most `limit` and counting the rest."""
    values = list(values)
    if len(values) <= limit:
        return ", ".join(values)
    return ", ".join(values[:limit]) + f" and {len(values) - limit} more"
