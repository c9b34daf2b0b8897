"""Check the rows of a framework file and gather the frameworks they define.

A framework file has one row per answer option. The framework, policy area, dimension and
indicator columns repeat on every option row of an indicator: a value given on several rows
of the same thing must be the same, and a blank cell takes the value given on another row.
An indicator without options has one row with blank option columns.
"""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from indicators.models import CompetenceLevel

from .errors import RowError, allowed_values, quoted
from .sources import Table

REQUIRED_COLUMNS = (
    "framework",
    "framework_name",
    "area_code",
    "area_name",
    "dimension_code",
    "dimension_name",
    "indicator_code",
    "indicator_title",
)
OPTIONAL_COLUMNS = (
    "area_order",
    "area_description",
    "comparable_area",
    "dimension_order",
    "indicator_order",
    "question",
    "competence_level",
    "parent_indicator",
    "weight",
    "tags",
    "option_code",
    "option_label",
    "option_score",
    "option_order",
)

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# Area, dimension, indicator and option codes. They start with a letter or digit, so that no
# code read back from an exported CSV file can start a spreadsheet formula (=, +, -, @).
CODE = re.compile(r"[a-zA-Z0-9][-a-zA-Z0-9_.]*")
CODE_ALLOWED = "letters, digits, hyphens, underscores and dots, starting with a letter or digit"
TAG_CODE = re.compile(r"[-a-zA-Z0-9_]+")
NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")

# Field lengths of the models, for messages before the database would reject a value.
MAX_LENGTHS = {
    "framework": 100,
    "framework_name": 255,
    "area_code": 20,
    "area_name": 255,
    "dimension_code": 30,
    "dimension_name": 255,
    "indicator_code": 40,
    "indicator_title": 255,
    "option_code": 20,
}
TAG_CODE_LENGTH = 30

# Option codes that a responses file reads as something else than an option.
RESERVED_OPTION_CODES = {"n/a"}

TAGS_ALLOWED = (
    "axis:value pairs separated by semicolons, such as stage:implementation;target:refugees, "
    f"each code made of letters, digits, hyphens and underscores, at most {TAG_CODE_LENGTH} long"
)


@dataclass
class Definition:
    """A framework, policy area, dimension, indicator or answer option as the file gives it.

    `values` contains each field from the first row that gives it, and `given_at` the index
    of that row.
    """

    kind: str
    label: str
    first_index: int
    values: dict[str, Any] = field(default_factory=dict)
    given_at: dict[str, int] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        value = self.values.get(name)
        return default if value is None else value


class FrameworkRowParser:
    """Gather the definitions of a framework table, collecting problems in `errors`."""

    def __init__(self, table: Table):
        self.table = table
        self.errors: list[RowError] = []
        self.frameworks: dict[str, Definition] = {}
        self.areas: dict[tuple[str, str], Definition] = {}
        self.dimensions: dict[tuple[str, str], Definition] = {}
        self.indicators: dict[tuple[str, str], Definition] = {}
        self.options: dict[tuple[str, str, str], Definition] = {}

    def parse(self) -> None:
        """Check every row and gather the definitions; blank rows are skipped."""
        positions = {name: self.table.column_index(name) for name in self.table.columns}
        for index, row in enumerate(self.table.rows):
            if any(row):
                cells = {name: row[at] for name, at in positions.items() if name}
                self._parse_row(index, cells)

    def _error(self, index: int, column: str | None, value: str | None, message: str) -> None:
        self.errors.append(self.table.error(index, column, value, message))

    def _parse_row(self, index: int, cells: dict[str, str]) -> None:
        slug = self._code(index, cells, "framework", "the framework slug")
        area_code = self._code(index, cells, "area_code", "the policy area code")
        dimension_code = self._code(index, cells, "dimension_code", "the dimension code")
        indicator_code = self._code(index, cells, "indicator_code", "the indicator code")
        if slug and not SLUG.fullmatch(slug):
            message = (
                f"{quoted(slug)} is not a valid framework slug (allowed: letters, digits, "
                "hyphens and underscores)."
            )
            self._error(index, "framework", slug, message)
        if not (slug and area_code and dimension_code and indicator_code):
            return

        framework = self._define(self.frameworks, slug, "framework", f'"{slug}"', index)
        self._give(framework, index, cells, "framework_name", "name", self._text)

        area = self._define(self.areas, (slug, area_code), "policy area", f'"{area_code}"', index)
        self._give(area, index, cells, "area_name", "name", self._text)
        self._give(area, index, cells, "area_order", "order", self._order)
        self._give(area, index, cells, "area_description", "description", self._text)
        self._give(area, index, cells, "comparable_area", "comparable_area", self._area_reference)

        dimension = self._define(
            self.dimensions, (slug, dimension_code), "dimension", f'"{dimension_code}"', index
        )
        self._give(dimension, index, {"area_code": area_code}, "area_code", "area", self._text)
        self._give(dimension, index, cells, "dimension_name", "name", self._text)
        self._give(dimension, index, cells, "dimension_order", "order", self._order)

        indicator = self._define(
            self.indicators, (slug, indicator_code), "indicator", f'"{indicator_code}"', index
        )
        dimension_cell = {"dimension_code": dimension_code}
        self._give(indicator, index, dimension_cell, "dimension_code", "dimension", self._text)
        self._give(indicator, index, cells, "indicator_title", "title", self._text)
        self._give(indicator, index, cells, "question", "question", self._text)
        self._give(indicator, index, cells, "competence_level", "competence_level", self._level)
        self._give(indicator, index, cells, "parent_indicator", "parent", self._text)
        self._give(indicator, index, cells, "weight", "weight", self._weight)
        self._give(indicator, index, cells, "tags", "tags", self._tags)
        self._give(indicator, index, cells, "indicator_order", "order", self._order)

        self._parse_option(index, cells, slug, indicator_code)

    def _parse_option(self, index: int, cells: dict[str, str], slug: str, indicator: str) -> None:
        code = cells.get("option_code", "")
        label = cells.get("option_label", "")
        score = cells.get("option_score", "")
        order = cells.get("option_order", "")
        if not code:
            for column, value in (("option_label", label), ("option_score", score)):
                if value:
                    message = (
                        f"{quoted(value)} is given without an option code (allowed: an "
                        "option_code on this row, or blank option columns for an indicator "
                        "without options)."
                    )
                    self._error(index, column, value, message)
            return

        if code.lower() in RESERVED_OPTION_CODES:
            message = (
                f'{quoted(code)} is reserved: a responses file reads it as "not applicable" '
                "(allowed: any other code)."
            )
            self._error(index, "option_code", code, message)
            return
        if not CODE.fullmatch(code):
            message = f"{quoted(code)} is not a valid code (allowed: {CODE_ALLOWED})."
            self._error(index, "option_code", code, message)
            return
        if not self._fits(index, "option_code", code):
            return

        key = (slug, indicator, code)
        if key in self.options:
            first_row = self.table.row_number(self.options[key].first_index)
            message = (
                f'option {quoted(code)} of indicator "{indicator}" is already given in row '
                f"{first_row} (allowed: one row per answer option)."
            )
            self._error(index, "option_code", code, message)
            return

        option = Definition("answer option", f'"{code}" of indicator "{indicator}"', index)
        self.options[key] = option
        option.values["label"] = label
        if not label:
            message = f'the label of option "{code}" is missing (allowed: any text).'
            self._error(index, "option_label", label, message)
        option.values["score"] = self._score(index, "option_score", score, code)
        option.values["order"] = self._order(index, "option_order", order) if order else None

    def _code(self, index: int, cells: dict[str, str], column: str, description: str) -> str | None:
        value = cells.get(column, "")
        if not value:
            self._error(
                index, column, value, f"{description} is missing (allowed: a code on every row)."
            )
            return None
        if column != "framework" and not CODE.fullmatch(value):
            message = f"{quoted(value)} is not a valid code (allowed: {CODE_ALLOWED})."
            self._error(index, column, value, message)
            return None
        return value if self._fits(index, column, value) else None

    def _fits(self, index: int, column: str, value: str) -> bool:
        limit = MAX_LENGTHS.get(column)
        if limit is not None and len(value) > limit:
            message = f"{quoted(value)} is too long (allowed: at most {limit} characters)."
            self._error(index, column, value, message)
            return False
        return True

    def _define(self, registry: dict, key: Any, kind: str, label: str, index: int) -> Definition:
        definition = registry.get(key)
        if definition is None:
            definition = registry[key] = Definition(kind, label, index)
        return definition

    def _give(
        self,
        definition: Definition,
        index: int,
        cells: dict[str, str],
        column: str,
        name: str,
        convert: Callable[[int, str, str], Any],
    ) -> None:
        """Record a value for a field of a definition, if the cell has one and it is valid."""
        text = cells.get(column, "")
        if not text:
            return
        value = convert(index, column, text)
        if value is None:
            return
        if name not in definition.values:
            definition.values[name] = value
            definition.given_at[name] = index
            return
        if definition.values[name] != value:
            earlier = self.table.rows[definition.given_at[name]]
            earlier_text = earlier[self.table.column_index(column)]
            first_row = self.table.row_number(definition.given_at[name])
            message = (
                f"{quoted(text)} differs from {quoted(earlier_text)} given for "
                f"{definition.kind} {definition.label} in row {first_row} (allowed: the same "
                f"value on every row of this {definition.kind}, or blank)."
            )
            self._error(index, column, text, message)

    def _text(self, index: int, column: str, text: str) -> str | None:
        return text if self._fits(index, column, text) else None

    def _order(self, index: int, column: str, text: str) -> int | None:
        if text.isdigit():
            return int(text)
        message = f"{quoted(text)} is not a valid order (allowed: a whole number of 0 or more)."
        self._error(index, column, text, message)
        return None

    def _number(self, text: str) -> float | None:
        if not NUMBER.fullmatch(text):
            return None
        value = float(text.replace(",", "."))
        return value if math.isfinite(value) else None

    def _score(self, index: int, column: str, text: str, code: str) -> float | None:
        score = self._number(text) if text else None
        if score is None or not 0 <= score <= 100:
            subject = quoted(text) if text else "the score"
            message = (
                f'{subject} is not a valid score for option "{code}" '
                "(allowed: a number from 0 to 100)."
            )
            self._error(index, column, text, message)
            return None
        return score

    def _weight(self, index: int, column: str, text: str) -> float | None:
        weight = self._number(text)
        if weight is None or weight < 0:
            message = f"{quoted(text)} is not a valid weight (allowed: a number of 0 or more)."
            self._error(index, column, text, message)
            return None
        return weight

    def _level(self, index: int, column: str, text: str) -> str | None:
        level = text.lower()
        if level in CompetenceLevel.values:
            return level
        message = (
            f"{quoted(text)} is not a competence level "
            f"(allowed: {', '.join(CompetenceLevel.values)})."
        )
        self._error(index, column, text, message)
        return None

    def _tags(self, index: int, column: str, text: str) -> frozenset[tuple[str, str]] | None:
        tags = set()
        for tag in filter(None, (part.strip() for part in text.split(";"))):
            axis, _, value = (part.strip() for part in tag.partition(":"))
            valid = all(
                TAG_CODE.fullmatch(code) and len(code) <= TAG_CODE_LENGTH for code in (axis, value)
            )
            if not valid:
                message = f"{quoted(tag)} is not a valid tag (allowed: {TAGS_ALLOWED})."
                self._error(index, column, text, message)
                return None
            tags.add((axis, value))
        return frozenset(tags)

    def _area_reference(self, index: int, column: str, text: str) -> tuple[str, str] | None:
        slug, _, code = (part.strip() for part in text.partition(":"))
        if slug and code:
            return slug, code
        message = (
            f"{quoted(text)} is not a policy area reference (allowed: framework slug and area "
            "code separated by a colon, such as mipex-2020:LMM)."
        )
        self._error(index, column, text, message)
        return None

    def check_names(self, stored: dict[str, dict[Any, dict[str, Any]]]) -> None:
        """Report definitions without a name or title, in the file or stored.

        `stored` maps a kind ("framework", "policy area", ...) to the stored values by key. A
        name or title left blank on every row of a stored object keeps the stored one.
        """
        required = (
            (self.frameworks, "name", "framework_name"),
            (self.areas, "name", "area_name"),
            (self.dimensions, "name", "dimension_name"),
            (self.indicators, "title", "indicator_title"),
        )
        for registry, name, column in required:
            for key, definition in registry.items():
                stored_values = stored[definition.kind].get(key)
                if name not in definition.values and stored_values is not None:
                    definition.values[name] = stored_values[name]
                elif name not in definition.values:
                    message = (
                        f"the {name} of {definition.kind} {definition.label} is missing "
                        "(allowed: any text, on at least one of its rows)."
                    )
                    self._error(definition.first_index, column, "", message)

    def check_parts(self, stored: dict[tuple[str, str], tuple[str | None, str]]) -> None:
        """Check parent indicators against the file and the stored indicators.

        `stored` maps (framework slug, indicator code) to (parent code, dimension code) for
        every stored indicator of the file's frameworks. The file replaces the parent of every
        indicator it lists. A part's parent must be an indicator of the same framework and
        dimension that is not itself a part, and a part cannot have parts.
        """
        parents = {key: parent for key, (parent, _) in stored.items()}
        dimensions = {key: dimension for key, (_, dimension) in stored.items()}
        for key, indicator in self.indicators.items():
            parents[key] = indicator.get("parent")
            dimensions[key] = indicator.get("dimension")

        parts: dict[tuple[str, str], list[str]] = {}
        for (slug, code), parent in parents.items():
            if parent:
                parts.setdefault((slug, parent), []).append(code)

        for (slug, code), indicator in self.indicators.items():
            parent = indicator.get("parent")
            if not parent:
                continue
            problem = None
            if parent == code:
                problem = f'indicator "{code}" cannot be a part of itself'
            elif (slug, parent) not in parents:
                problem = f'{quoted(parent)} is not an indicator of framework "{slug}"'
            elif parents[(slug, parent)]:
                problem = (
                    f'{quoted(parent)} is itself a part of "{parents[(slug, parent)]}", '
                    "and parts cannot have parts"
                )
            elif stored_parts := [
                part for part in parts.get((slug, code), []) if (slug, part) not in self.indicators
            ]:
                # Parts listed in the file get their own error on their own rows.
                problem = (
                    f'indicator "{code}" has parts ({allowed_values(sorted(stored_parts))}) '
                    "and so cannot be a part"
                )
            elif dimensions[(slug, parent)] != dimensions[(slug, code)]:
                problem = (
                    f'{quoted(parent)} is in dimension "{dimensions[(slug, parent)]}", '
                    f'not in "{dimensions[(slug, code)]}" like indicator "{code}"'
                )
            if problem:
                message = (
                    f"{problem} (allowed: blank, or the code of an indicator of the same "
                    "framework and dimension that is not a part)."
                )
                self._error(indicator.given_at["parent"], "parent_indicator", parent, message)

    def check_comparable_areas(self, stored_areas: set[tuple[str, str]]) -> None:
        """Check that every comparable area is a policy area of the file or the database."""
        known = stored_areas | set(self.areas)
        for (slug, code), area in self.areas.items():
            reference = area.get("comparable_area")
            if reference is None or reference in known and reference != (slug, code):
                continue
            text = ":".join(reference)
            if reference == (slug, code):
                problem = f"policy area {quoted(code)} cannot be compared with itself"
            else:
                problem = f"{quoted(text)} is not a policy area"
            message = (
                f"{problem} (allowed: blank, or framework slug and code of another policy "
                "area, such as mipex-2020:LMM)."
            )
            self._error(area.given_at["comparable_area"], "comparable_area", text, message)

    def check_framework_names(self, stored_slugs_by_name: dict[str, str]) -> None:
        """Check that no two frameworks, in the file or stored, share a name."""
        slugs_by_name = {
            name: slug for name, slug in stored_slugs_by_name.items() if slug not in self.frameworks
        }
        for slug, framework in self.frameworks.items():
            name = framework.get("name")
            if name is None:
                continue
            other = slugs_by_name.setdefault(name, slug)
            if other != slug:
                message = (
                    f'{quoted(name)} is already the name of framework "{other}" '
                    "(allowed: a name that no other framework has)."
                )
                self._error(framework.given_at["name"], "framework_name", name, message)
