"""Check the rows of a questionnaire responses file against the database.

The editions, regions, indicators and answer options that a file can refer to are loaded
with four queries, and every row is then checked with dictionary lookups. All errors are
collected, so that one run reports every problem of a file.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from indicators.models import AnswerOption, Edition, Indicator, ResponseRole
from regions.countries import to_iso_country_code
from regions.models import Region

from .errors import RowError, allowed_values, quoted
from .lookups import CodeLookup
from .sources import Table

REQUIRED_COLUMNS = ("edition", "region", "role", "indicator", "answer")
OPTIONAL_COLUMNS = ("source", "comment")

# The answer that marks an indicator as not applicable, matched ignoring case.
NOT_APPLICABLE_ANSWER = "n/a"

# A direct score as people type it: "37.5", "37,5" (decimal comma) or "100".
NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")

# Role values accepted in a file: the stored value or its label, ignoring case.
ROLES = {
    **{role.value: role.value for role in ResponseRole},
    **{str(role.label).lower().replace(" ", "_"): role.value for role in ResponseRole},
}

# Share of the rows after which validation reports progress.
PROGRESS_STEP = 0.05
# Minimum number of rows between two progress reports, so a small file reports once, at the end.
PROGRESS_MIN_ROWS = 1000

REGION_CODES_ALLOWED = (
    "the code of a loaded region: ISO 3166-1 alpha-2 for a country, such as GR, "
    "or NUTS 2024 for a region, such as EL41"
)


@dataclass(frozen=True, slots=True)
class ParsedAnswer:
    """A valid row. `key` is (edition id, region id, role) of its questionnaire response."""

    row: int
    key: tuple[int, int, str]
    indicator_id: int
    option_id: int | None
    direct_score: float | None
    not_applicable: bool
    source: str
    comment: str


@dataclass
class ResponseCodes:
    """The codes that a responses file uses for stored ids, to describe rows and answers."""

    editions: dict[int, Edition]
    regions: dict[int, str]
    indicators: dict[int, str]
    options: dict[int, str]

    def answer_text(
        self, option_id: int | None, direct_score: float | None, not_applicable: bool
    ) -> str:
        """Return an answer as it is written in a file: option code, score, n/a or blank."""
        if not_applicable:
            return NOT_APPLICABLE_ANSWER
        if option_id is not None:
            return self.options[option_id]
        if direct_score is not None:
            return f"{direct_score:g}"
        return ""


class ResponseRowParser:
    """Turn the rows of a responses table into ParsedAnswers, collecting errors in `errors`."""

    def __init__(
        self,
        table: Table,
        editions: CodeLookup[Edition],
        regions: CodeLookup[int],
        indicators: list[tuple[int, int, str]],
        options: list[tuple[int, int, str]],
    ):
        self.table = table
        self.errors: list[RowError] = []
        self.has_source = table.column_index("source") is not None
        self.has_comment = table.column_index("comment") is not None

        self.editions = editions
        self.regions = regions
        self.codes = ResponseCodes(
            editions={edition.pk: edition for edition in editions.exact.values()},
            regions={pk: code for code, pk in regions.exact.items()},
            indicators={indicator_id: code for indicator_id, _, code in indicators},
            options={option_id: code for option_id, _, code in options},
        )

        by_framework: dict[int, list[tuple[str, int]]] = {}
        for indicator_id, framework_id, code in indicators:
            by_framework.setdefault(framework_id, []).append((code, indicator_id))
        self.indicators = {key: CodeLookup(items) for key, items in by_framework.items()}

        by_indicator: dict[int, list[tuple[str, int]]] = {}
        for option_id, indicator_id, code in options:
            by_indicator.setdefault(indicator_id, []).append((code, option_id))
        self.options = {key: CodeLookup(items) for key, items in by_indicator.items()}

    @classmethod
    def load(cls, table: Table) -> "ResponseRowParser":
        """Load what the rows of `table` can refer to, with four queries."""
        editions = CodeLookup(
            (edition.slug, edition) for edition in Edition.objects.select_related("framework")
        )
        edition_column = table.column_index("edition")
        framework_ids = set()
        for text in {row[edition_column] for row in table.rows}:
            edition = editions.get(text)
            if edition is not None:
                framework_ids.add(edition.framework_id)

        regions = CodeLookup(Region.objects.order_by("code").values_list("code", "id"))
        indicators = Indicator.objects.source().filter(framework_id__in=framework_ids)
        options = AnswerOption.objects.source().filter(indicator__framework_id__in=framework_ids)
        return cls(
            table,
            editions,
            regions,
            list(indicators.order_by("order", "code").values_list("id", "framework_id", "code")),
            list(options.order_by("order", "code").values_list("id", "indicator_id", "code")),
        )

    def parse(self, progress: Callable[[str, int, int], None] | None = None) -> list[ParsedAnswer]:
        """Check every row; return the valid ones. Blank rows are skipped."""
        table = self.table
        column = table.column_index
        edition_at, region_at, role_at = column("edition"), column("region"), column("role")
        indicator_at, answer_at = column("indicator"), column("answer")
        source_at, comment_at = column("source"), column("comment")

        parsed: list[ParsedAnswer] = []
        first_row_of: dict[tuple[int, int, str, int], int] = {}
        total = len(table.rows)
        step = max(PROGRESS_MIN_ROWS, int(total * PROGRESS_STEP))

        for index, row in enumerate(table.rows):
            if progress is not None and index and index % step == 0:
                progress("Validated", index, total)
            if not any(row):
                continue

            error_count = len(self.errors)
            edition = self._edition(index, row[edition_at])
            region_id = self._region(index, row[region_at])
            role = self._role(index, row[role_at])
            indicator_id = None
            if edition is not None:
                indicator_id = self._indicator(index, edition, row[indicator_at])
            answer = None
            if indicator_id is not None:
                answer = self._answer(index, indicator_id, row[answer_at])
            if len(self.errors) > error_count:
                continue

            number = table.row_number(index)
            duplicate_key = (edition.pk, region_id, role, indicator_id)
            first_row = first_row_of.setdefault(duplicate_key, number)
            if first_row != number:
                self._duplicate(index, row, edition_at, region_at, role, indicator_id, first_row)
                continue

            parsed.append(
                ParsedAnswer(
                    number,
                    (edition.pk, region_id, role),
                    indicator_id,
                    *answer,
                    row[source_at] if source_at is not None else "",
                    row[comment_at] if comment_at is not None else "",
                )
            )

        if progress is not None:
            progress("Validated", total, total)
        return parsed

    def _error(self, index: int, column: str, value: str, message: str) -> None:
        self.errors.append(self.table.error(index, column, value, message))

    def _edition(self, index: int, text: str) -> Edition | None:
        edition = self.editions.get(text)
        if edition is None:
            allowed = allowed_values(self.editions.codes()) or "none yet; create an edition first"
            problem = "the edition is missing" if not text else f"{quoted(text)} is not an edition"
            self._error(index, "edition", text, f"{problem} (allowed: {allowed}).")
        return edition

    def _region(self, index: int, text: str) -> int | None:
        region_id = self.regions.get(text)
        if region_id is None and len(text) == 2:
            region_id = self.regions.get(to_iso_country_code(text))
        if region_id is None:
            problem = "the region is missing" if not text else f"{quoted(text)} is not a region"
            self._error(index, "region", text, f"{problem} (allowed: {REGION_CODES_ALLOWED}).")
        return region_id

    def _role(self, index: int, text: str) -> str | None:
        role = ROLES.get(text.lower().replace(" ", "_").replace("-", "_"))
        if role is None:
            problem = "the role is missing" if not text else f"{quoted(text)} is not a role"
            allowed = ", ".join(ResponseRole.values)
            self._error(index, "role", text, f"{problem} (allowed: {allowed}).")
        return role

    def _indicator(self, index: int, edition: Edition, text: str) -> int | None:
        lookup = self.indicators.get(edition.framework_id)
        indicator_id = lookup.get(text) if lookup is not None else None
        if indicator_id is None:
            if not text:
                problem = "the indicator is missing"
            else:
                problem = f'{quoted(text)} is not an indicator of edition "{edition.slug}"'
            allowed = allowed_values(lookup.codes()) if lookup else "none; import the framework"
            self._error(index, "indicator", text, f"{problem} (allowed: {allowed}).")
        return indicator_id

    def _answer(
        self, index: int, indicator_id: int, text: str
    ) -> tuple[int | None, float | None, bool] | None:
        """Return (option id, direct score, not applicable) for an answer cell."""
        if not text:
            return None, None, False
        if text.lower() == NOT_APPLICABLE_ANSWER:
            return None, None, True

        options = self.options.get(indicator_id)
        option_id = options.get(text) if options is not None else None
        if option_id is not None:
            return option_id, None, False

        # A number that is not an option code of the indicator is a direct score.
        code = self.codes.indicators[indicator_id]
        if NUMBER.fullmatch(text):
            score = float(text.replace(",", "."))
            if 0 <= score <= 100:
                return None, score, False
            message = f"{quoted(text)} is not a valid direct score (allowed: 0 to 100)."
        elif options is not None:
            message = (
                f'{quoted(text)} is not an option of indicator "{code}" (allowed: '
                f"{', '.join(options.codes())}, n/a, a direct score from 0 to 100, or blank)."
            )
        else:
            message = (
                f'{quoted(text)} is not a score for indicator "{code}", which has no answer '
                "options (allowed: a direct score from 0 to 100, n/a, or blank)."
            )
        self._error(index, "answer", text, message)
        return None

    def _duplicate(
        self,
        index: int,
        row: tuple[str, ...],
        edition_at: int,
        region_at: int,
        role: str,
        indicator_id: int,
        first_row: int,
    ) -> None:
        code = self.codes.indicators[indicator_id]
        message = (
            f'edition "{row[edition_at]}", region "{row[region_at]}", role "{role}" and '
            f'indicator "{code}" are already given in row {first_row} (allowed: one row per '
            "edition, region, role and indicator)."
        )
        self._error(index, "indicator", code, message)
