"""Import questionnaire responses from a CSV or XLSX file, one row per answer.

The columns are edition, region, role, indicator and answer, and optionally source and
comment, as docs/formats.md describes. The whole file is checked in memory against
lookups loaded with a fixed number of queries, and every error is collected. Only a file
without errors is written, in one transaction.

Rows are written in bulk, not through django-import-export's row-by-row import, which runs
several queries per row and is too slow for files of tens of thousands of rows.
"""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from indicators.models import Answer, QuestionnaireResponse, ResponseRole
from indicators.scoring import compute_edition_scores

from .answer_upsert import upsert_answers
from .changes import ChangeKind
from .errors import ImportFailed
from .response_rows import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ParsedAnswer,
    ResponseCodes,
    ResponseRowParser,
)
from .sources import Source, read_table

logger = logging.getLogger(__name__)

# Called as progress(step, rows done, rows in total), e.g. ("Validated", 27000, 54000).
ProgressCallback = Callable[[str, int, int], None]

# (edition id, region id, role) of a questionnaire response.
ResponseKey = tuple[int, int, str]

# A stored answer: (option id, direct score, not applicable, source, comment).
StoredAnswer = tuple[int | None, float | None, bool, str, str]

# Ids per `__in` lookup, below the 999 query parameters that older SQLite builds allow.
ID_CHUNK_SIZE = 500


@dataclass(frozen=True, slots=True)
class RowChange:
    """What importing one row does to the stored answer; answers are written as in a file."""

    row: int
    edition: str
    region: str
    role: str
    indicator: str
    kind: ChangeKind
    before: str
    after: str


@dataclass
class ResponseImportResult:
    """Counts of an import, or of what a dry run would do, and the change of every row."""

    file_name: str
    dry_run: bool
    rows: int = 0
    responses_created: int = 0
    answers_created: int = 0
    answers_updated: int = 0
    answers_unchanged: int = 0
    regions_scored: int = 0
    # (row, change, stored answer) per row, turned into RowChanges only when read.
    planned: list[tuple[ParsedAnswer, ChangeKind, StoredAnswer | None]] = field(
        default_factory=list, repr=False
    )
    codes: ResponseCodes | None = field(default=None, repr=False)

    @cached_property
    def changes(self) -> list[RowChange]:
        """The change of every row, in file order."""
        codes = self.codes
        return [
            RowChange(
                row=answer.row,
                edition=codes.editions[answer.key[0]].slug,
                region=codes.regions[answer.key[1]],
                role=answer.key[2],
                indicator=codes.indicators[answer.indicator_id],
                kind=kind,
                before="" if old is None else codes.answer_text(*old[:3]),
                after=codes.answer_text(
                    answer.option_id, answer.direct_score, answer.not_applicable
                ),
            )
            for answer, kind, old in self.planned
        ]

    def summary(self) -> str:
        counts = (
            f"{self.responses_created} questionnaire responses created, "
            f"{self.answers_created} answers created, {self.answers_updated} updated, "
            f"{self.answers_unchanged} unchanged"
        )
        if self.dry_run:
            return f"Dry run of {self.file_name}, nothing written: {self.rows} rows, {counts}."
        return (
            f"Imported {self.rows} rows from {self.file_name}: {counts}; "
            f"scores recomputed for {self.regions_scored} "
            f"{'region' if self.regions_scored == 1 else 'regions'}."
        )


def import_responses(
    source: Source,
    *,
    dry_run: bool = False,
    user: Any = None,
    progress: ProgressCallback | None = None,
) -> ResponseImportResult:
    """Check a responses file and, unless `dry_run`, write its answers and rescore.

    Raises ImportFailed, having written nothing, if any row is invalid. `user` is stored as
    the answers' `entered_by`. Final answers that change trigger a score recomputation of
    their regions.
    """
    table = read_table(source, required=REQUIRED_COLUMNS, optional=OPTIONAL_COLUMNS)
    parser = ResponseRowParser.load(table)
    parsed = parser.parse(progress)
    if parser.errors:
        logger.info(
            "Rejected responses file",
            extra={"file": table.file_name, "errors": len(parser.errors)},
        )
        raise ImportFailed(parser.errors)

    result = ResponseImportResult(table.file_name, dry_run, rows=len(parsed), codes=parser.codes)
    with transaction.atomic():
        plan = _plan_changes(parser, parsed, result)
        if not dry_run:
            _write(parser, plan, user, progress)
            result.regions_scored = _rescore(parser, plan)

    if not dry_run:
        logger.info(
            "Imported responses file",
            extra={
                "file": table.file_name,
                "rows": result.rows,
                "answers_created": result.answers_created,
                "answers_updated": result.answers_updated,
            },
        )
    return result


@dataclass
class _Plan:
    response_ids: dict[ResponseKey, int]
    missing_responses: list[ResponseKey]
    to_write: list[ParsedAnswer]
    changed_keys: set[ResponseKey]


def _plan_changes(
    parser: ResponseRowParser, parsed: list[ParsedAnswer], result: ResponseImportResult
) -> _Plan:
    """Compare the parsed rows with the stored answers and fill the result's counts."""
    edition_ids = {answer.key[0] for answer in parsed}
    response_ids = _load_response_ids(edition_ids)
    stored = _load_stored_answers(
        [response_ids[key] for key in {answer.key for answer in parsed} if key in response_ids]
    )
    compare_source = parser.has_source
    compare_comment = parser.has_comment

    plan = _Plan(response_ids, [], [], set())
    missing: set[ResponseKey] = set()
    for answer in parsed:
        response_id = response_ids.get(answer.key)
        if response_id is None and answer.key not in missing:
            missing.add(answer.key)
            plan.missing_responses.append(answer.key)
        old = stored.get((response_id, answer.indicator_id)) if response_id else None

        if old is None:
            kind = ChangeKind.NEW
            result.answers_created += 1
        elif (
            old[:3] == (answer.option_id, answer.direct_score, answer.not_applicable)
            and (not compare_source or old[3] == answer.source)
            and (not compare_comment or old[4] == answer.comment)
        ):
            kind = ChangeKind.UNCHANGED
            result.answers_unchanged += 1
        else:
            kind = ChangeKind.UPDATED
            result.answers_updated += 1

        if kind != ChangeKind.UNCHANGED:
            plan.to_write.append(answer)
            plan.changed_keys.add(answer.key)
        result.planned.append((answer, kind, old))

    result.responses_created = len(plan.missing_responses)
    return plan


def _load_response_ids(edition_ids: set[int]) -> dict[ResponseKey, int]:
    rows = QuestionnaireResponse.objects.filter(edition_id__in=edition_ids).values_list(
        "id", "edition_id", "region_id", "role"
    )
    return {(edition_id, region_id, role): pk for pk, edition_id, region_id, role in rows}


def _load_stored_answers(response_ids: list[int]) -> dict[tuple[int, int], StoredAnswer]:
    """Return {(response id, indicator id): (option id, direct score, n/a, source, comment)}."""
    stored: dict[tuple[int, int], StoredAnswer] = {}
    for chunk in _chunks(sorted(response_ids), ID_CHUNK_SIZE):
        rows = Answer.objects.filter(response_id__in=chunk).values_list(
            "response_id",
            "indicator_id",
            "option_id",
            "direct_score",
            "is_not_applicable",
            "source",
            "comment",
        )
        for response_id, indicator_id, *values in rows.iterator(chunk_size=5000):
            stored[(response_id, indicator_id)] = tuple(values)
    return stored


def _write(
    parser: ResponseRowParser,
    plan: _Plan,
    user: Any,
    progress: ProgressCallback | None,
) -> None:
    now = timezone.now()
    entered_by_id = user.pk if user is not None and user.is_authenticated else None

    if plan.missing_responses:
        QuestionnaireResponse.objects.bulk_create(
            [
                QuestionnaireResponse(edition_id=edition_id, region_id=region_id, role=role)
                for edition_id, region_id, role in plan.missing_responses
            ],
            batch_size=1000,
        )
        edition_ids = {key[0] for key in plan.missing_responses}
        plan.response_ids.update(_load_response_ids(edition_ids))

    update_fields = ["option", "direct_score", "is_not_applicable", "entered_by", "entered_at"]
    if parser.has_source:
        update_fields.append("source")
    if parser.has_comment:
        update_fields.append("comment")

    entered_at = connection.ops.adapt_datetimefield_value(now)
    rows = [
        (
            plan.response_ids[answer.key],
            answer.indicator_id,
            answer.option_id,
            answer.direct_score,
            answer.not_applicable,
            answer.source,
            answer.comment,
            entered_by_id,
            entered_at,
        )
        for answer in plan.to_write
    ]
    total = len(rows)

    def report(done: int) -> None:
        if progress is not None:
            progress("Wrote", done, total)

    upsert_answers(rows, update_fields, progress=report)

    changed_response_ids = sorted(plan.response_ids[key] for key in plan.changed_keys)
    for chunk in _chunks(changed_response_ids, ID_CHUNK_SIZE):
        QuestionnaireResponse.objects.filter(pk__in=chunk).update(updated_at=now)


def _rescore(parser: ResponseRowParser, plan: _Plan) -> int:
    """Recompute the scores of the regions whose final answers changed; return their number."""
    regions_by_edition: dict[int, set[int]] = defaultdict(set)
    for edition_id, region_id, role in plan.changed_keys:
        if role == ResponseRole.FINAL:
            regions_by_edition[edition_id].add(region_id)

    for edition_id, region_ids in regions_by_edition.items():
        edition = parser.codes.editions[edition_id]
        compute_edition_scores(edition, region_ids=sorted(region_ids))
    return sum(len(region_ids) for region_ids in regions_by_edition.values())


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
