"""Write a read workbook to the database: framework, editions, countries, answers, scores.

Rows are matched on their codes (policy area, dimension, indicator, answer option, edition
slug, country code), so that importing the workbook again updates them in place. Writes go
through bulk_create and bulk_update, with a fixed number of queries per table.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from wagtail.models import Locale
from wagtail.search import index

from indicators.models import (
    Answer,
    AnswerOption,
    Dimension,
    Edition,
    EditionStatus,
    Framework,
    Indicator,
    PolicyArea,
    QuestionnaireResponse,
    ResponseRole,
)
from indicators.scoring import compute_edition_scores
from regions.loading import ensure_countries

from .errors import WorkbookError
from .framework import FrameworkSpec
from .reading import ScoreCell, WorkbookContents

logger = logging.getLogger(__name__)

FRAMEWORK_SLUG = "mipex-national"
FRAMEWORK_NAME = "MIPEX national 2020"
FRAMEWORK_DESCRIPTION = (
    "The national MIPEX indicators, imported from the MIPEX national workbook "
    "(Migration Policy Group and CIDOB)."
)

BATCH_SIZE = 2000
# Rows deleted per DELETE statement, below SQLite's limit on query parameters.
DELETE_BATCH_SIZE = 500


@dataclass
class ImportSummary:
    """Counts of the rows an import wrote, and warnings about cells read by a documented rule."""

    file: str
    countries: int = 0
    editions: list[str] = field(default_factory=list)
    indicators: int = 0
    answers_created: int = 0
    answers_updated: int = 0
    answers_deleted: int = 0
    scores: int = 0
    warnings: list[str] = field(default_factory=list)


def edition_slug(year: int) -> str:
    return f"mipex-{year}"


def write_workbook(
    contents: WorkbookContents,
    spec: FrameworkSpec,
    years: Iterable[int],
    progress: Callable[[str], None],
) -> ImportSummary:
    """Create or update everything the workbook holds for `years`. Call it in a transaction."""
    summary = ImportSummary(file=contents.file, warnings=contents.warnings)

    progress("Writing the framework")
    framework = _save_framework(contents.file)
    indicators = _save_indicators(framework, spec)
    summary.indicators = len(indicators)

    editions = {year: _save_edition(contents.file, framework, year) for year in sorted(years)}
    summary.editions = [edition.slug for edition in editions.values()]
    countries = ensure_countries(sheet.country_code for sheet in contents.sheets)
    summary.countries = len(contents.sheets)

    progress("Writing the answers")
    cells = _answers_by_response_key(contents, editions, countries, indicators, summary)
    responses = _save_responses(
        cells, [edition.pk for edition in editions.values()], [r.pk for r in countries.values()]
    )
    answers = {
        (responses[key], indicator_id): answer
        for key, answers_by_indicator in cells.items()
        for indicator_id, answer in answers_by_indicator.items()
    }
    _save_answers(answers, list(responses.values()), summary)

    for number, edition in enumerate(editions.values(), start=1):
        progress(f"Computing scores of {edition.slug} ({number}/{len(editions)})")
        summary.scores += compute_edition_scores(edition)
    return summary


def _answers_by_response_key(
    contents: WorkbookContents,
    editions: dict[int, Edition],
    countries: dict,
    indicators: dict[str, Indicator],
    summary: ImportSummary,
) -> dict[tuple[int, int], dict[int, tuple[float | None, str]]]:
    """Return {(edition id, region id): {indicator id: (score, comment)}}.

    A country gets a final response in an edition only if it has a score in that year, so
    comments in a year without any score are left out, with a warning.
    """
    cells: dict[tuple[int, int], dict[int, tuple[float | None, str]]] = {}
    for sheet in contents.sheets:
        by_year: dict[int, list[tuple[int, ScoreCell]]] = {}
        for strand in sheet.strands:
            for column in strand.columns:
                for cell in column.cells:
                    if cell.year in editions:
                        by_year.setdefault(cell.year, []).append((indicators[column.code].pk, cell))

        region_id = countries[sheet.country_code].pk
        for year, year_cells in sorted(by_year.items()):
            if all(cell.score is None for _, cell in year_cells):
                places = ", ".join(f"{sheet.name}!{cell.cell}" for _, cell in year_cells)
                summary.warnings.append(
                    f"{places}: comments without a score, in a year ({year}) without any "
                    f"score for this country, are not imported."
                )
                continue
            key = (editions[year].pk, region_id)
            cells[key] = {
                indicator_id: (cell.score, cell.comment) for indicator_id, cell in year_cells
            }
    return cells


def _sync(
    model: type[models.Model],
    existing: dict,
    values_by_key: dict[object, dict[str, object]],
    make: Callable[[object], models.Model],
) -> tuple[dict, list[models.Model]]:
    """Create the rows of `values_by_key` missing from `existing` and update the ones that differ.

    `values_by_key` maps a key to field values. Returns every row by key, and the rows written.
    """
    created, changed = [], []
    for key, values in values_by_key.items():
        row = existing.get(key)
        if row is None:
            row = make(key)
            for name, value in values.items():
                setattr(row, name, value)
            created.append(row)
            existing[key] = row
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            changed.append(row)
    model.objects.bulk_create(created, batch_size=BATCH_SIZE)
    fields = sorted({name for values in values_by_key.values() for name in values})
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=BATCH_SIZE)
    return existing, created + changed


def _save_framework(file: str) -> Framework:
    clash = Framework.objects.filter(name=FRAMEWORK_NAME).exclude(slug=FRAMEWORK_SLUG).first()
    if clash is not None:
        raise WorkbookError(
            file,
            f'framework "{FRAMEWORK_NAME}" already exists with slug "{clash.slug}", and the '
            f'workbook imports into slug "{FRAMEWORK_SLUG}". Rename that framework, then '
            "import again.",
        )
    framework, _ = Framework.objects.get_or_create(
        slug=FRAMEWORK_SLUG,
        defaults={"name": FRAMEWORK_NAME, "description": FRAMEWORK_DESCRIPTION},
    )
    return framework


def _save_indicators(framework: Framework, spec: FrameworkSpec) -> dict[str, Indicator]:
    """Save the areas, dimensions, indicators and answer options, and return indicators by code."""
    locale = Locale.get_default()
    areas, written_areas = _sync(
        PolicyArea,
        {area.code: area for area in PolicyArea.objects.source().filter(framework=framework)},
        {area.code: {"name": area.name, "order": area.order} for area in spec.areas},
        lambda code: PolicyArea(framework=framework, locale=locale, code=code),
    )
    dimensions, _ = _sync(
        Dimension,
        {
            dimension.code: dimension
            for dimension in Dimension.objects.source().filter(framework=framework)
        },
        {
            dimension.code: {
                "name": dimension.name,
                "order": dimension.order,
                "area_id": areas[dimension.area_code].pk,
            }
            for dimension in spec.dimensions
        },
        lambda code: Dimension(framework=framework, locale=locale, code=code),
    )
    indicators, written = _sync(
        Indicator,
        {
            indicator.code: indicator
            for indicator in Indicator.objects.source().filter(framework=framework)
        },
        {
            indicator.code: {
                "title": indicator.title[: Indicator._meta.get_field("title").max_length],
                "question": indicator.question,
                "order": indicator.order,
                "dimension_id": dimensions[indicator.dimension_code].pk,
            }
            for indicator in spec.indicators
        },
        lambda code: Indicator(framework=framework, locale=locale, code=code),
    )
    # Parents are set once every indicator has a primary key.
    _, written_parents = _sync(
        Indicator,
        indicators,
        {
            indicator.code: {
                "parent_id": indicators[indicator.parent_code].pk if indicator.parent_code else None
            }
            for indicator in spec.indicators
        },
        lambda code: indicators[code],
    )
    _sync(
        AnswerOption,
        {
            (option.indicator_id, option.code): option
            for option in AnswerOption.objects.source().filter(indicator__framework=framework)
        },
        {
            (indicators[indicator.code].pk, code): {"label": label, "score": score, "order": order}
            for indicator in spec.indicators
            for order, (code, label, score) in enumerate(indicator.options, start=1)
        },
        lambda key: AnswerOption(indicator_id=key[0], locale=locale, code=key[1]),
    )

    # bulk_create and bulk_update skip Wagtail's search index signals.
    written_rows = written_areas + written + written_parents
    for row in {(type(row), row.pk): row for row in written_rows}.values():
        index.insert_or_update_object(row)
    return indicators


def _save_edition(file: str, framework: Framework, year: int) -> Edition:
    slug = edition_slug(year)
    edition = Edition.objects.filter(slug=slug).select_related("framework").first()
    if edition is None:
        return Edition.objects.create(
            framework=framework,
            slug=slug,
            title=f"MIPEX {year}",
            year=year,
            status=EditionStatus.PUBLISHED,
        )
    if edition.framework_id != framework.pk:
        raise WorkbookError(
            file,
            f'edition "{slug}" already exists in framework "{edition.framework}", not in '
            f'"{framework}". Rename or delete that edition, then import again.',
        )
    return edition


def _save_responses(
    keys: Iterable[tuple[int, int]], edition_ids: list[int], region_ids: list[int]
) -> dict[tuple[int, int], int]:
    """Return the final response ids by (edition id, region id) for the pairs in `keys`.

    Creates the missing responses, and deletes the final responses of these editions and
    regions that the workbook no longer has any cell for.
    """
    keys = set(keys)
    final = QuestionnaireResponse.objects.filter(
        edition_id__in=edition_ids, region_id__in=region_ids, role=ResponseRole.FINAL
    )
    existing = {
        (edition_id, region_id): pk
        for pk, edition_id, region_id in final.values_list("pk", "edition_id", "region_id")
    }
    stale = [pk for key, pk in existing.items() if key not in keys]
    if stale:
        QuestionnaireResponse.objects.filter(pk__in=stale).delete()
    QuestionnaireResponse.objects.bulk_create(
        [
            QuestionnaireResponse(
                edition_id=edition_id, region_id=region_id, role=ResponseRole.FINAL
            )
            for edition_id, region_id in sorted(keys - existing.keys())
        ],
        batch_size=BATCH_SIZE,
    )
    return {
        (edition_id, region_id): pk
        for pk, edition_id, region_id in final.values_list("pk", "edition_id", "region_id")
    }


def _save_answers(
    answers: dict[tuple[int, int], tuple[float | None, str]],
    response_ids: list[int],
    summary: ImportSummary,
) -> None:
    """Make the answers of the final responses match `answers`: (response, indicator) to
    (direct score, comment). Answers that the workbook no longer has are deleted."""
    existing = Answer.objects.filter(response_id__in=response_ids).values_list(
        "pk",
        "response_id",
        "indicator_id",
        "direct_score",
        "comment",
        "option_id",
        "is_not_applicable",
    )
    new_answers = dict(answers)
    updated: list[Answer] = []
    stale: list[int] = []
    for (
        pk,
        response_id,
        indicator_id,
        direct_score,
        comment,
        option_id,
        not_applicable,
    ) in existing.iterator(chunk_size=BATCH_SIZE):
        key = (response_id, indicator_id)
        if key not in new_answers:
            stale.append(pk)
            continue
        score, new_comment = new_answers.pop(key)
        if (direct_score, comment, option_id, not_applicable) != (score, new_comment, None, False):
            updated.append(
                Answer(
                    pk=pk,
                    direct_score=score,
                    comment=new_comment,
                    option_id=None,
                    is_not_applicable=False,
                )
            )
    created = [
        Answer(
            response_id=response_id, indicator_id=indicator_id, direct_score=score, comment=comment
        )
        for (response_id, indicator_id), (score, comment) in new_answers.items()
    ]

    Answer.objects.bulk_create(created, batch_size=BATCH_SIZE)
    Answer.objects.bulk_update(
        updated, ["direct_score", "comment", "option", "is_not_applicable"], batch_size=BATCH_SIZE
    )
    for start in range(0, len(stale), DELETE_BATCH_SIZE):
        # Answers have no dependants. QuerySet.delete() would fetch and signal every row,
        # because Wagtail connects delete signals for all models, and each signal queues a
        # score recomputation that this import runs anyway.
        batch = Answer.objects.filter(pk__in=stale[start : start + DELETE_BATCH_SIZE])
        batch._raw_delete(batch.db)

    summary.answers_created = len(created)
    summary.answers_updated = len(updated)
    summary.answers_deleted = len(stale)
    logger.info(
        "Saved workbook answers: %d created, %d updated, %d deleted",
        len(created),
        len(updated),
        len(stale),
    )
