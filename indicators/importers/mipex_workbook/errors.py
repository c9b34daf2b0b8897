"""The error of the MIPEX workbook importer."""

from openpyxl.utils.cell import coordinate_from_string

# Maximum length of a cell value quoted in a message. Longer values are cut with an ellipsis.
QUOTED_VALUE_LENGTH = 80


class WorkbookError(Exception):
    """The workbook cannot be imported, and nothing was written.

    The message names the file and, where one cell is at fault, its sheet, cell, row and
    column, such as `mipex.xlsx, SE!E35 (row 35, column E): ...`.
    """

    def __init__(self, file: str, message: str, sheet: str | None = None, cell: str | None = None):
        self.file = file
        self.sheet = sheet
        self.cell = cell
        location = file
        if sheet is not None and cell is not None:
            column, row = coordinate_from_string(cell)
            location += f", {sheet}!{cell} (row {row}, column {column})"
        elif sheet is not None:
            location += f', sheet "{sheet}"'
        super().__init__(f"{location}: {message}")


def quoted(value: object) -> str:
    """Return a cell value in double quotes for a message, cut to QUOTED_VALUE_LENGTH."""
    text = str(value).replace("\n", "\\n")
    if len(text) > QUOTED_VALUE_LENGTH:
        text = text[: QUOTED_VALUE_LENGTH - 1] + "…"
    return f'"{text}"'
