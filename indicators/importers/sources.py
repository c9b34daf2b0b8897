"""Read an import file, CSV or XLSX, into its column names and rows of text cells.

XLSX files are parsed with django-import-export's XLSX format, which wraps tablib. CSV
files must be UTF-8, with or without a byte order mark, and may separate values with commas
or semicolons. The separator that occurs more often in the header row wins.

Row numbers are the ones a spreadsheet program shows: the header is row 1. CSV files are
read record by record with Python's csv module, the parser that tablib uses underneath,
rather than through tablib: tablib drops blank lines, which shifts every later row number,
pads a short row with blanks, which would clear stored answers, and took four times as long
on a 54,000-row file.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from import_export.formats.base_formats import XLSX
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from tablib.exceptions import InvalidDimensions

from .errors import ImportFailed, RowError, allowed_values, quoted

# A file path, a (file name, content) pair, or an open binary file with a name, such as a
# Django UploadedFile.
Source = str | Path | tuple[str, bytes] | IO[bytes]

XLSX_SIGNATURE = b"PK\x03\x04"
XLS_SIGNATURE = b"\xd0\xcf\x11\xe0"

COLUMN_SEPARATORS = re.compile(r"[\s\-]+")


@dataclass
class Table:
    """The cells of an import file as stripped strings, every row as wide as the header."""

    file_name: str
    columns: list[str]
    rows: list[tuple[str, ...]]
    # Spreadsheet row numbers, set only when they do not simply follow the row index.
    row_numbers: list[int] | None = None

    def row_number(self, index: int) -> int:
        if self.row_numbers is not None:
            return self.row_numbers[index]
        return index + 2

    def column_index(self, name: str) -> int | None:
        try:
            return self.columns.index(name)
        except ValueError:
            return None

    def error(self, index: int, column: str | None, value: str | None, message: str) -> RowError:
        """Build an error about the row at `index` of `rows`."""
        return RowError(self.file_name, self.row_number(index), column, value, message)


def load_source(source: Source) -> tuple[str, bytes]:
    """Return the file name and the content of an import source."""
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            return path.name, path.read_bytes()
        except OSError as error:
            message = f"the file cannot be read ({error.strerror or error})."
            raise ImportFailed([RowError(str(path), None, None, None, message)]) from error
    if isinstance(source, tuple):
        name, content = source
        return Path(name).name, bytes(content)
    name = Path(getattr(source, "name", None) or "uploaded file").name
    if hasattr(source, "seek"):
        source.seek(0)
    return name, source.read()


def read_table(source: Source, *, required: Sequence[str], optional: Sequence[str]) -> Table:
    """Read an import file and check its columns; raise ImportFailed for an unusable file."""
    name, content = load_source(source)
    if not content or content.isspace():
        raise ImportFailed(
            [_file_error(name, f"the file is empty (expected the columns {', '.join(required)}).")]
        )

    if content.startswith(XLSX_SIGNATURE):
        table = _read_xlsx(name, content)
    elif content.startswith(XLS_SIGNATURE) or name.lower().endswith(".xls"):
        message = "the old Excel format (XLS) is not supported; save the file as XLSX or CSV."
        raise ImportFailed([_file_error(name, message)])
    elif name.lower().endswith(".xlsx"):
        message = "the file is not a readable XLSX workbook; save it again as XLSX or CSV."
        raise ImportFailed([_file_error(name, message)])
    else:
        table = _read_csv(name, content)

    _check_columns(table, required, optional)
    return table


def _file_error(name: str, message: str) -> RowError:
    return RowError(name, None, None, None, message)


def normalise_column(name: object) -> str:
    """Return a column name stripped, lower-cased, with spaces and hyphens as underscores."""
    text = "" if name is None else str(name)
    return COLUMN_SEPARATORS.sub("_", text.strip().lower())


def _read_csv(name: str, content: bytes) -> Table:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        message = (
            f"the file is not UTF-8 text (invalid byte 0x{content[error.start]:02X} on line "
            f"{line}); save it as CSV UTF-8 and import it again."
        )
        raise ImportFailed([_file_error(name, message)]) from error

    # The csv module rejects cells over 128 KB by default; a long comment is still valid.
    csv.field_size_limit(max(len(text), csv.field_size_limit()))

    header_end = text.find("\n")
    header_line = text if header_end < 0 else text[:header_end]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","

    return _read_csv_records(name, text, delimiter)


def _read_csv_records(name: str, text: str, delimiter: str) -> Table:
    """Read CSV text with the csv module, keeping the spreadsheet row number of every record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns: list[str] = []
    rows: list[tuple[str, ...]] = []
    row_numbers: list[int] = []
    errors: list[RowError] = []

    try:
        for number, record in enumerate(reader, start=1):
            if number == 1:
                columns = [normalise_column(header) for header in record]
                continue
            if not record:
                continue  # A blank line, which a spreadsheet shows as an empty row.
            cells = tuple(cell.strip() for cell in record)
            width = len(columns)
            if len(cells) > width:
                extra = [cell for cell in cells[width:] if cell]
                if extra:
                    message = (
                        f"the row has {len(cells)} values but the header names {width} columns; "
                        f"{quoted(extra[0])} has no column (allowed: at most {width} values, "
                        f"or name the column in row 1)."
                    )
                    errors.append(RowError(name, number, None, extra[0], message))
                cells = cells[:width]
            elif len(cells) < width:
                # A short row would read its missing cells as blank, and a blank answer
                # clears the stored one, so the row is rejected instead of padded.
                message = (
                    f"the row has {len(cells)} values but the header names {width} columns "
                    f"(allowed: one value per column; leave a cell empty with an extra "
                    f'"{delimiter}").'
                )
                errors.append(RowError(name, number, None, None, message))
            rows.append(cells)
            row_numbers.append(number)
    except csv.Error as error:
        message = f"the file is not valid CSV ({error}); check the quotes on this row."
        errors.append(RowError(name, reader.line_num, None, None, message))

    if errors:
        raise ImportFailed(errors)
    return Table(name, columns, rows, row_numbers)


def _read_xlsx(name: str, content: bytes) -> Table:
    """Read the active sheet of a workbook.

    NOTE: the rows keep their spreadsheet numbers only while django-import-export's
    IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES setting is off, which is its default.
    """
    try:
        dataset = XLSX().create_dataset(content)
    except StopIteration:
        raise ImportFailed(
            [_file_error(name, "the first sheet of the workbook is empty.")]
        ) from None
    except InvalidDimensions as error:
        message = (
            "a row of the first sheet has more cells than the header row; "
            "name every column in row 1 or delete the cells beside the table."
        )
        raise ImportFailed([_file_error(name, message)]) from error
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        message = "the file is not a readable XLSX workbook; save it again as XLSX or CSV."
        raise ImportFailed([_file_error(name, message)]) from error

    columns = [normalise_column(header) for header in dataset.headers or []]
    rows = [tuple(_cell_text(cell) for cell in row) for row in dataset]
    table = Table(name, columns, rows)
    _check_formulas(table, content)
    return table


def _check_formulas(table: Table, content: bytes) -> None:
    """Raise ImportFailed for formula cells that the workbook stores without a computed value.

    The rows were read with the values a spreadsheet program saved with each formula. A file
    written by a program that does not compute formulas has none, and such a cell would read
    as blank, which clears a stored answer.
    """
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    sheet = workbook.active
    formulas = [
        (cell.row, cell.column, cell.value)
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if getattr(cell, "data_type", None) == "f"
    ]
    workbook.close()

    errors = []
    for row_number, column_number, formula in formulas:
        index = row_number - 2
        if index >= len(table.rows) or column_number > len(table.columns):
            continue
        if table.rows[index][column_number - 1] == "":
            column = table.columns[column_number - 1]
            message = (
                f"the cell holds the formula {quoted(formula)} without a computed value "
                "(allowed: plain values; open the file in a spreadsheet program and save it, "
                "or paste the values over the formulas)."
            )
            errors.append(RowError(table.file_name, row_number, column, str(formula), message))
    if errors:
        raise ImportFailed(errors)


def _cell_text(value: object) -> str:
    """Return a spreadsheet cell as the text a user sees in it (50.0 as "50")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


def _check_columns(table: Table, required: Sequence[str], optional: Sequence[str]) -> None:
    """Raise ImportFailed for missing, unknown, repeated or unnamed columns, or no data rows."""
    errors: list[RowError] = []
    known = [*required, *optional]
    seen: set[str] = set()

    if not any(table.columns):
        message = f"row 1 must name the columns (expected {', '.join(required)})."
        raise ImportFailed([RowError(table.file_name, 1, None, None, message)])

    for position, column in enumerate(table.columns):
        if not column:
            errors.extend(_unnamed_column_errors(table, position))
        elif column in seen:
            message = f'the column "{column}" appears twice (allowed: each column once).'
            errors.append(RowError(table.file_name, 1, column, column, message))
        elif column not in known:
            message = f'unknown column "{column}" (allowed: {allowed_values(known, limit=30)}).'
            errors.append(RowError(table.file_name, 1, column, column, message))
        seen.add(column)

    for column in required:
        if column not in seen:
            message = (
                f'the required column "{column}" is missing (required: {", ".join(required)}).'
            )
            errors.append(RowError(table.file_name, 1, None, None, message))

    if not errors and not any(any(row) for row in table.rows):
        message = "the file has a header row but no data rows."
        errors.append(RowError(table.file_name, None, None, None, message))

    if errors:
        raise ImportFailed(errors)


def _unnamed_column_errors(table: Table, position: int) -> list[RowError]:
    """Report the first value under a column without a name; an empty one is ignored."""
    for index, row in enumerate(table.rows):
        if row[position]:
            message = (
                f"column {position + 1} has no name in row 1 but contains {quoted(row[position])} "
                "(allowed: name the column in row 1, or delete its values)."
            )
            return [table.error(index, None, row[position], message)]
    return []
