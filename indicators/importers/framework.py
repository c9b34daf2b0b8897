"""Import indicator frameworks from a CSV or XLSX file with one row per answer option.

docs/formats.md describes the columns. The file is the whole definition of every framework,
policy area, dimension, indicator and answer option it lists: importing it again updates
them to match. Nothing missing from the file is deleted, because answers and scores may
refer to it. After a change, the stored scores of the frameworks' editions are recomputed.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from indicators.models import CompetenceLevel, Edition
from indicators.scoring import compute_edition_scores

from .changes import ChangeKind
from .errors import ImportFailed
from .framework_rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, FrameworkRowParser
from .framework_store import StoredFrameworks, write_changes
from .sources import Source, read_table

logger = logging.getLogger(__name__)

# The kinds of object a framework file defines, in the order they are written.
KINDS = ("framework", "policy area", "dimension", "indicator", "answer option")
PLURALS = {
    "framework": "frameworks",
    "policy area": "policy areas",
    "dimension": "dimensions",
    "indicator": "indicators",
    "answer option": "answer options",
}


@dataclass(frozen=True, slots=True)
class DefinitionChange:
    """The effect of an import on one framework, policy area, dimension, indicator or option."""

    row: int
    kind: str
    label: str
    change: ChangeKind


@dataclass
class FrameworkImportResult:
    """Counts per kind of object of an import, or of what a dry run would do."""

    file_name: str
    dry_run: bool
    rows: int = 0
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    changes: list[DefinitionChange] = field(default_factory=list)
    editions_scored: int = 0

    def summary(self) -> str:
        counts = "; ".join(
            f"{PLURALS[kind]}: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged"
            for kind in KINDS
        )
        if self.dry_run:
            return f"Dry run of {self.file_name}, nothing written: {self.rows} rows; {counts}."
        return (
            f"Imported {self.rows} rows from {self.file_name}; {counts}; "
            f"scores recomputed for {self.editions_scored} editions."
        )


def import_framework(source: Source, *, dry_run: bool = False) -> FrameworkImportResult:
    """Check a framework file and, unless `dry_run`, create or update what it defines.

    Raises ImportFailed, having written nothing, if any row is invalid.
    """
    table = read_table(source, required=REQUIRED_COLUMNS, optional=OPTIONAL_COLUMNS)
    parser = FrameworkRowParser(table)
    parser.parse()

    with transaction.atomic():
        stored = StoredFrameworks.load(set(parser.frameworks))
        parser.check_names(stored.by_kind)
        parser.check_framework_names(stored.slugs_by_name)
        parser.check_parts(stored.indicator_parents)
        parser.check_comparable_areas(set(stored.area_ids))
        if parser.errors:
            logger.info(
                "Rejected framework file",
                extra={"file": table.file_name, "errors": len(parser.errors)},
            )
            raise ImportFailed(parser.errors)

        desired = _desired_state(parser)
        result = FrameworkImportResult(table.file_name, dry_run)
        result.rows = sum(1 for row in table.rows if any(row))
        changed = _compare(parser, desired, stored, result)
        if not dry_run and changed:
            write_changes(desired, stored, changed)
            result.editions_scored = _rescore(changed["framework_slugs"])

    if not dry_run:
        logger.info(
            "Imported framework file",
            extra={
                "file": table.file_name,
                "objects_created": dict(result.created),
                "objects_updated": dict(result.updated),
            },
        )
    return result


def _desired_state(parser: FrameworkRowParser) -> dict[str, dict]:
    """Return what the file defines, with defaults and file order filled in, by kind."""
    frameworks = {slug: {"name": item.get("name")} for slug, item in parser.frameworks.items()}

    area_counter: Counter = Counter()
    areas = {}
    for (slug, code), item in parser.areas.items():
        area_counter[slug] += 1
        areas[(slug, code)] = {
            "name": item.get("name"),
            "order": item.get("order", area_counter[slug]),
            "description": item.get("description", ""),
            "comparable_area": item.get("comparable_area"),
        }

    dimension_counter: Counter = Counter()
    dimensions = {}
    for (slug, code), item in parser.dimensions.items():
        area = item.get("area")
        dimension_counter[(slug, area)] += 1
        dimensions[(slug, code)] = {
            "area": area,
            "name": item.get("name"),
            "order": item.get("order", dimension_counter[(slug, area)]),
        }

    indicator_counter: Counter = Counter()
    indicators = {}
    for (slug, code), item in parser.indicators.items():
        indicator_counter[slug] += 1
        indicators[(slug, code)] = {
            "dimension": item.get("dimension"),
            "parent": item.get("parent"),
            "title": item.get("title"),
            "question": item.get("question", ""),
            "competence_level": item.get("competence_level", CompetenceLevel.NATIONAL.value),
            "weight": item.get("weight", 1.0),
            "order": item.get("order", indicator_counter[slug]),
            "tags": item.get("tags", frozenset()),
        }

    option_counter: Counter = Counter()
    options = {}
    for (slug, indicator, code), item in parser.options.items():
        option_counter[(slug, indicator)] += 1
        options[(slug, indicator, code)] = {
            "label": item.get("label"),
            "score": item.get("score"),
            "order": item.get("order", option_counter[(slug, indicator)]),
        }

    return {
        "framework": frameworks,
        "policy area": areas,
        "dimension": dimensions,
        "indicator": indicators,
        "answer option": options,
    }


def _compare(
    parser: FrameworkRowParser,
    desired: dict[str, dict],
    stored: StoredFrameworks,
    result: FrameworkImportResult,
) -> dict[str, Any]:
    """Count new, updated and unchanged objects; return the keys to write, by kind."""
    stored_by_kind = stored.by_kind
    definitions_by_kind = {
        "framework": parser.frameworks,
        "policy area": parser.areas,
        "dimension": parser.dimensions,
        "indicator": parser.indicators,
        "answer option": parser.options,
    }

    changed: dict[str, Any] = {kind: [] for kind in KINDS}
    changed["framework_slugs"] = set()
    for kind in KINDS:
        for key, values in desired[kind].items():
            old = stored_by_kind[kind].get(key)
            if old is None:
                change = ChangeKind.NEW
                result.created[kind] += 1
            elif old == values:
                change = ChangeKind.UNCHANGED
                result.unchanged[kind] += 1
            else:
                change = ChangeKind.UPDATED
                result.updated[kind] += 1

            definition = definitions_by_kind[kind][key]
            row = parser.table.row_number(definition.first_index)
            result.changes.append(DefinitionChange(row, kind, _label(kind, key), change))
            if change != ChangeKind.UNCHANGED:
                changed[kind].append(key)
                changed["framework_slugs"].add(key if kind == "framework" else key[0])

    return changed if changed["framework_slugs"] else {}


def _label(kind: str, key: Any) -> str:
    if kind == "framework":
        return key
    if kind == "answer option":
        return f"{key[0]} {key[1]} option {key[2]}"
    return f"{key[0]} {key[1]}"


def _rescore(framework_slugs: set[str]) -> int:
    """Recompute the scores of every edition of the changed frameworks; return their number."""
    editions = list(
        Edition.objects.filter(framework__slug__in=framework_slugs).select_related("framework")
    )
    for edition in editions:
        compute_edition_scores(edition)
    return len(editions)
