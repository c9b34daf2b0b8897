"""Load the demo: regions, the demo framework, an edition and synthetic answers.

Everything goes through the same import code as users' files: the framework and the
answers are written to CSV files first and then imported. The answers are invented: every
answer carries a source and comment that say so.
"""

import csv
import logging
import random
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from indicators.importers.framework import import_framework
from indicators.importers.mipex_workbook.writing import FRAMEWORK_SLUG as NATIONAL_FRAMEWORK_SLUG
from indicators.importers.responses import import_responses
from indicators.models import Edition, EditionStatus, Framework
from regions.loading import load_nuts_regions
from regions.models import Region

from .content import AREAS, DEMO_REGIONS, FRAMEWORK_NAME, FRAMEWORK_SLUG, DemoIndicator

logger = logging.getLogger(__name__)

EDITION_SLUG = "mipex-reg-demo-2025"
EDITION_TITLE = "MIPEX-REG demo 2025"
EDITION_YEAR = 2025
DEMO_SOURCE = "Demo data: synthetic answer"
ROLES = ("expert", "peer_reviewer", "final")

FRAMEWORK_COLUMNS = [
    "framework",
    "framework_name",
    "area_code",
    "area_name",
    "area_order",
    "area_description",
    "comparable_area",
    "dimension_code",
    "dimension_name",
    "dimension_order",
    "indicator_code",
    "indicator_title",
    "indicator_order",
    "question",
    "competence_level",
    "parent_indicator",
    "tags",
    "option_code",
    "option_label",
    "option_score",
    "option_order",
]
RESPONSE_COLUMNS = ["edition", "region", "role", "indicator", "answer", "source", "comment"]

# Final answers that the demo leaves open ("") or marks not applicable, so that the demo
# shows incomplete coverage: {region: {indicator: answer}}.
FINAL_ANSWER_GAPS = {"EL41": {"he07": "", "pp02": "n/a"}}


@dataclass(frozen=True)
class DemoSummary:
    framework: Framework
    edition: Edition
    answers: int


def _indicator_rows(
    indicator: DemoIndicator, base: dict, order: int, parent: str
) -> Iterator[dict]:
    row = {
        **base,
        "indicator_code": indicator.code,
        "indicator_title": indicator.title,
        "indicator_order": order,
        "question": indicator.question,
        "competence_level": indicator.competence,
        "parent_indicator": parent,
        "tags": ";".join(indicator.tags),
    }
    if indicator.parts:
        yield row  # A composite has no options of its own: its score comes from its parts.
    else:
        for option_order, (code, label, score) in enumerate(indicator.options):
            yield {
                **row,
                "option_code": code,
                "option_label": label,
                "option_score": score,
                "option_order": option_order,
            }


def framework_rows(national_framework: str | None = None) -> Iterator[dict]:
    """Yield the demo framework as rows of the framework file format, one per answer option.

    With the slug of the national MIPEX framework, each policy area names its comparable
    national area.
    """
    order = 0
    for area_order, area in enumerate(AREAS, start=1):
        for dimension_order, dimension in enumerate(area.dimensions, start=1):
            base = {
                "framework": FRAMEWORK_SLUG,
                "framework_name": FRAMEWORK_NAME,
                "area_code": area.code,
                "area_name": area.name,
                "area_order": area_order,
                "area_description": area.description,
                "comparable_area": (
                    f"{national_framework}:{area.national_area}" if national_framework else ""
                ),
                "dimension_code": dimension.code,
                "dimension_name": dimension.name,
                "dimension_order": dimension_order,
            }
            for indicator in dimension.indicators:
                order += 1
                yield from _indicator_rows(indicator, base, order, parent="")
                for part in indicator.parts:
                    order += 1
                    yield from _indicator_rows(part, base, order, parent=indicator.code)


def _answerable_indicators() -> list[DemoIndicator]:
    """Return the indicators that experts answer: plain indicators and composites' parts."""
    answerable = []
    for area in AREAS:
        for dimension in area.dimensions:
            for indicator in dimension.indicators:
                answerable.extend(indicator.parts or (indicator,))
    return answerable


def _region_answers(region_code: str) -> Iterator[tuple[str, str, str, str]]:
    """Yield (indicator, expert, peer reviewer, final) option codes for one region.

    Each region gets its own seeded random generator, so the demo is the same on every run.
    The peer reviewer agrees with the expert most of the time; where they differ, the
    coordinator's final answer takes one of the two.
    """
    generator = random.Random(f"mipex-reg-demo-{region_code}")  # noqa: S311 (not for security)
    openness = generator.uniform(0.3, 0.8)  # The region's general tendency to score well.
    for indicator in _answerable_indicators():
        codes = [code for code, _, _ in indicator.options]
        weights = [openness, 0.6, 1 - openness][: len(codes)]
        expert = generator.choices(codes, weights)[0]
        reviewer = expert if generator.random() < 0.85 else generator.choice(codes)
        final = generator.choice((expert, reviewer))
        yield indicator.code, expert, reviewer, final


def response_rows(region_codes: tuple[str, ...] = DEMO_REGIONS) -> Iterator[dict]:
    """Yield synthetic answers of every role for the demo regions, in the responses format."""
    for region_code in region_codes:
        for indicator_code, *answers in _region_answers(region_code):
            gaps = FINAL_ANSWER_GAPS.get(region_code, {})
            if indicator_code in gaps:
                answers[-1] = gaps[indicator_code]
            for role, option_code in zip(ROLES, answers, strict=True):
                yield {
                    "edition": EDITION_SLUG,
                    "region": region_code,
                    "role": role,
                    "indicator": indicator_code,
                    "answer": option_code,
                    "source": DEMO_SOURCE,
                    "comment": f"Invented for the demo ({role.replace('_', ' ')} answer).",
                }


def _write_csv(path: Path, columns: list[str], rows: Iterator[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _national_framework_slug() -> str | None:
    """Return the national framework's slug if the MIPEX workbook has been imported."""
    exists = Framework.objects.filter(slug=NATIONAL_FRAMEWORK_SLUG).exists()
    return NATIONAL_FRAMEWORK_SLUG if exists else None


def load_demo_data() -> DemoSummary:
    """Load (or update) the demo regions, framework, edition and answers; safe to run again.

    Import the national workbook first to link the demo's policy areas to the national ones.
    """
    load_nuts_regions({code[:2] for code in DEMO_REGIONS})
    missing = set(DEMO_REGIONS) - set(
        Region.objects.filter(code__in=DEMO_REGIONS).values_list("code", flat=True)
    )
    if missing:
        raise LookupError(f"NUTS regions missing after loading: {', '.join(sorted(missing))}.")

    with tempfile.TemporaryDirectory(prefix="mipex-demo-") as directory:
        framework_file = _write_csv(
            Path(directory) / "demo-framework.csv",
            FRAMEWORK_COLUMNS,
            framework_rows(_national_framework_slug()),
        )
        import_framework(framework_file)
        framework = Framework.objects.get(slug=FRAMEWORK_SLUG)
        edition, _ = Edition.objects.update_or_create(
            slug=EDITION_SLUG,
            defaults={
                "framework": framework,
                "title": EDITION_TITLE,
                "year": EDITION_YEAR,
                "status": EditionStatus.PUBLISHED,
            },
        )
        responses_file = _write_csv(
            Path(directory) / "demo-responses.csv", RESPONSE_COLUMNS, response_rows()
        )
        result = import_responses(responses_file)

    logger.info("Loaded the demo: %s", result.summary())
    return DemoSummary(framework, edition, result.rows)
