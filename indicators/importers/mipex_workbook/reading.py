"""Read the country sheets of a MIPEX national workbook into plain values.

A country sheet holds one block per policy area ("strand"). A block starts with a row whose
column A is "Policy strand" and column B the strand name, followed by header rows labelled
in column A: Indicator, Sub-indicator, Title, Description, Answer options and Year. One row
per year follows, with the year in column A. Columns B-D of a block hold the strand average;
from column E on, each indicator takes three columns (year, score, comment), and its code,
title, description and answer options sit in the header rows above its score column.

Labels are compared without surrounding spaces and case, because the workbook writes them
both ways ("Title" and "Title "). The year of a row is read from column A only: the year
cells beside each indicator are copies, and some of them are wrong.
"""

import math
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from regions.countries import NON_ISO_COUNTRY_CODES, country_name, to_iso_country_code

from .cell_values import is_answer_options_text, normalise_code
from .errors import WorkbookError, quoted

STRAND_LABEL = "policy strand"
HEADER_LABELS = ("indicator", "sub-indicator", "title", "description", "answer options", "year")
SCORE_LABEL = "score"

# Score cells that mean "no data" rather than a score. "#DIV/0!" is what Excel shows for a
# mean of no values, such as a composite indicator whose parts are blank. The workbook also
# has it typed as text, with a trailing space.
NO_DATA_MARKERS = frozenset({"#DIV/0!"})

# Column indexes (0-based) inside a block: the strand average is in column B, and the first
# indicator's score in column E; each indicator takes three columns.
STRAND_SCORE_INDEX = 1
FIRST_INDICATOR_INDEX = 4
COLUMNS_PER_INDICATOR = 3

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100

ALLOWED_SCORES = 'Allowed: a number from 0 to 100, a blank cell, or "#DIV/0!" for no data.'


@dataclass(frozen=True)
class ScoreCell:
    """One year of one indicator: its score (None for no data) and comment."""

    year: int
    cell: str
    score: float | None
    comment: str


@dataclass
class IndicatorColumn:
    """The header and the year rows of one indicator column of a strand block."""

    column: int  # 1-based index of the score column
    raw_code: object
    code: str
    code_cell: str
    in_sub_indicator_row: bool
    title: str
    description: str
    options_text: str
    cells: list[ScoreCell] = field(default_factory=list)


@dataclass
class StrandBlock:
    row: int
    area_code: str
    title: str
    columns: list[IndicatorColumn]


@dataclass
class CountrySheet:
    name: str
    country_code: str  # ISO 3166-1 alpha-2
    strands: list[StrandBlock]
    years: set[int]


@dataclass
class WorkbookContents:
    file: str
    sheets: list[CountrySheet]
    years: list[int]  # every year that any block of any sheet has a row for
    warnings: list[str]


def read_workbook(
    path: Path, years: set[int] | None = None, progress: Callable[[str], None] | None = None
) -> WorkbookContents:
    """Read every country sheet of the workbook; keep the score cells of `years` only.

    Raises WorkbookError for a sheet or cell that cannot be read.
    """
    file = Path(path).name
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise WorkbookError(file, f"cannot be opened as an .xlsx workbook ({error}).") from error

    warnings: list[str] = []
    sheets: list[CountrySheet] = []
    try:
        total = len(workbook.sheetnames)
        for number, worksheet in enumerate(workbook.worksheets, start=1):
            if progress is not None:
                progress(f"Reading sheet {worksheet.title} ({number}/{total})")
            reader = _SheetReader(file, worksheet.title, years, warnings)
            sheets.append(reader.read(worksheet.iter_rows(values_only=True)))
    finally:
        workbook.close()

    if not sheets:
        raise WorkbookError(file, "has no worksheets. Allowed: one worksheet per country.")
    _check_unique_countries(file, sheets)
    all_years = sorted(set().union(*(sheet.years for sheet in sheets)))
    return WorkbookContents(file=file, sheets=sheets, years=all_years, warnings=warnings)


def _check_unique_countries(file: str, sheets: list[CountrySheet]) -> None:
    seen: dict[str, str] = {}
    for sheet in sheets:
        if sheet.country_code in seen:
            raise WorkbookError(
                file,
                f'sheets "{seen[sheet.country_code]}" and "{sheet.name}" are both country '
                f"{sheet.country_code}. Keep one sheet per country.",
            )
        seen[sheet.country_code] = sheet.name


def _label(value: object) -> str:
    return value.strip().casefold() if isinstance(value, str) else ""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _SheetReader:
    """Reader of one country sheet, with the sheet and file names that errors need."""

    def __init__(self, file: str, sheet: str, years: set[int] | None, warnings: list[str]):
        self.file = file
        self.sheet = sheet
        self.years = years
        self.warnings = warnings
        self.rows: list[tuple] = []

    def error(self, message: str, row: int | None = None, index: int | None = None):
        cell = None if row is None else f"{get_column_letter((index or 0) + 1)}{row + 1}"
        return WorkbookError(self.file, message, sheet=self.sheet, cell=cell)

    def value(self, row: int, index: int) -> object:
        if row >= len(self.rows) or index >= len(self.rows[row]):
            return None
        return self.rows[row][index]

    def read(self, rows) -> CountrySheet:
        country_code = self.country_code()
        self.rows = [tuple(row) for row in rows]
        strand_rows = [
            row for row in range(len(self.rows)) if _label(self.value(row, 0)) == STRAND_LABEL
        ]
        if not strand_rows:
            raise self.error(
                'has no "Policy strand" row in column A. Every sheet of the workbook must be a '
                "country sheet with one block per policy area."
            )
        sheet_years: set[int] = set()
        strands = [self.read_strand(row, sheet_years) for row in strand_rows]
        return CountrySheet(self.sheet, country_code, strands, sheet_years)

    def country_code(self) -> str:
        code = to_iso_country_code(self.sheet)
        try:
            country_name(code)
        except LookupError:
            exceptions = ", ".join(
                f"{key} for {value}" for key, value in NON_ISO_COUNTRY_CODES.items()
            )
            raise self.error(
                "the sheet name is not a country code. Allowed: an ISO 3166-1 alpha-2 code "
                f"(SE, DE), or {exceptions}."
            ) from None
        return code

    def read_strand(self, strand_row: int, sheet_years: set[int]) -> StrandBlock:
        for offset, label in enumerate(HEADER_LABELS, start=1):
            found = self.value(strand_row + offset, 0)
            if _label(found) != label:
                raise self.error(
                    f"{quoted(found) if found is not None else 'a blank cell'} where the "
                    f'header "{label.capitalize()}" was expected. A strand block is a '
                    '"Policy strand" row followed by the header rows Indicator, '
                    "Sub-indicator, Title, Description, Answer options and Year.",
                    strand_row + offset,
                    0,
                )
        indicator_row = strand_row + 1
        area_value = self.value(indicator_row, STRAND_SCORE_INDEX)
        if _is_blank(area_value):
            raise self.error(
                "the policy area code of the strand is missing. Allowed: the area's code, "
                "such as a for labour market mobility.",
                indicator_row,
                STRAND_SCORE_INDEX,
            )

        year_rows = self.year_rows(strand_row + len(HEADER_LABELS) + 1)
        sheet_years.update(year for _, year in year_rows)
        requested_rows = [
            (row, year) for row, year in year_rows if self.years is None or year in self.years
        ]

        columns = []
        width = max(len(self.rows[strand_row + offset]) for offset in (1, 2))
        for index in range(FIRST_INDICATOR_INDEX, width, COLUMNS_PER_INDICATOR):
            column = self.read_column(strand_row, index, year_rows, requested_rows)
            if column is not None:
                columns.append(column)
        return StrandBlock(
            row=strand_row + 1,
            area_code=normalise_code(area_value),
            title=_text(self.value(strand_row, 1)),
            columns=columns,
        )

    def year_rows(self, first_row: int) -> list[tuple[int, int]]:
        """Return (row, year) for the rows of a block, which end at a blank or text cell in A."""
        found: list[tuple[int, int]] = []
        row = first_row
        while row < len(self.rows):
            value = self.value(row, 0)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                break
            if not float(value).is_integer() or not EARLIEST_YEAR <= value <= LATEST_YEAR:
                raise self.error(
                    f"{quoted(value)} is not a year. Allowed: a whole year from "
                    f"{EARLIEST_YEAR} to {LATEST_YEAR}.",
                    row,
                    0,
                )
            year = int(value)
            if any(seen == year for _, seen in found):
                raise self.error(f"year {year} appears twice in this block.", row, 0)
            found.append((row, year))
            row += 1
        return found

    def read_column(
        self,
        strand_row: int,
        index: int,
        year_rows: list[tuple[int, int]],
        requested_rows: list[tuple[int, int]],
    ) -> IndicatorColumn | None:
        indicator_row, sub_row = strand_row + 1, strand_row + 2
        indicator_code = self.value(indicator_row, index)
        sub_code = self.value(sub_row, index)
        if _is_blank(indicator_code) and _is_blank(sub_code):
            self.check_no_scores(index, year_rows)
            return None
        if not _is_blank(indicator_code) and not _is_blank(sub_code):
            # The Indicator row decides: a few of these cells in the workbook hold stray text.
            self.warnings.append(
                f"{self.sheet}!{get_column_letter(index + 1)}{sub_row + 1}: "
                f"{quoted(sub_code)} in the Sub-indicator row is ignored, because the "
                f"Indicator row above has the code {quoted(indicator_code)}."
            )
        in_sub_row = _is_blank(indicator_code)
        code_row, raw_code = (sub_row, sub_code) if in_sub_row else (indicator_row, indicator_code)
        code = normalise_code(raw_code)
        if not re.fullmatch(r"[a-z0-9_]{1,40}", code):
            raise self.error(
                f"{quoted(raw_code)} is not an indicator code. Allowed: letters, digits and "
                'underscores, optionally followed by a note in brackets, such as "gc_new (128)".',
                code_row,
                index,
            )

        header_row = strand_row + len(HEADER_LABELS)
        score_label = self.value(header_row, index)
        if not _is_blank(score_label) and _label(score_label) != SCORE_LABEL:
            raise self.error(
                f'{quoted(score_label)} where "Score" was expected above the '
                f"scores of indicator {code}. Each indicator takes three columns: Year, Score "
                "and Comments.",
                header_row,
                index,
            )

        column = IndicatorColumn(
            column=index + 1,
            raw_code=raw_code,
            code=code,
            code_cell=f"{get_column_letter(index + 1)}{code_row + 1}",
            in_sub_indicator_row=in_sub_row,
            title=" ".join(_text(self.value(strand_row + 3, index)).split()),
            description=_text(self.value(strand_row + 4, index)),
            options_text=_text(self.value(strand_row + 5, index)),
        )
        for row, year in requested_rows:
            score = self.read_score(row, index, code, year)
            comment = _text(self.value(row, index + 1))
            if score is not None or comment:
                cell = f"{get_column_letter(index + 1)}{row + 1}"
                column.cells.append(ScoreCell(year, cell, score, comment))
        return column

    def check_no_scores(self, index: int, year_rows: list[tuple[int, int]]) -> None:
        for row, _ in year_rows:
            value = self.value(row, index)
            if not _is_blank(value):
                raise self.error(
                    f"{quoted(value)} is in a score column without an indicator code. Write "
                    "the code in the Indicator row (or the Sub-indicator row for a part of a "
                    "composite indicator), or clear the column.",
                    row,
                    index,
                )

    def read_score(self, row: int, index: int, code: str, year: int) -> float | None:
        value = self.value(row, index)
        if value is None:
            return None
        if isinstance(value, str):
            text = value.strip()
            if not text or text in NO_DATA_MARKERS:
                return None
            if is_answer_options_text(text):
                self.warnings.append(
                    f"{self.sheet}!{get_column_letter(index + 1)}{row + 1}: indicator {code}, "
                    f"{year} holds a list of answer options instead of a score; read as no data."
                )
                return None
            try:
                value = float(text)
            except ValueError:
                value = text
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            score = float(value)
            if math.isfinite(score) and 0 <= score <= 100:
                return score
        raise self.error(
            f"score {quoted(value)} of indicator {code} for {year} is not a score. "
            + ALLOWED_SCORES,
            row,
            index,
        )
