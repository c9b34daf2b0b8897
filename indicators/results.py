"""Bulk loaders for the published side: everything a page shows, in a fixed number of queries.

Pages never read `Score` or `Answer` rows one at a time. They load the edition's scores of
all regions, one region's final answers, the framework tree and the national scores they
compare with through these functions, and look values up in memory. The number of queries
does not depend on the number of indicators or regions.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import get_language, get_supported_language_variant

from .bands import ScoreBand, band_for, round_score
from .models import (
    Answer,
    AnswerOption,
    Dimension,
    Edition,
    Indicator,
    PolicyArea,
    ResponseRole,
    Score,
)
from .models.framework import default_language_code
from .models.scores import OVERALL_CODE, ScoreLevel


@dataclass(frozen=True)
class ScoreResult:
    """A stored score with its coverage, and the rounded value and band shown to readers."""

    value: float | None
    answered: int
    total: int
    # "edition/region/level/code", which templates print so that a test can match each shown
    # number with the export of the same score. Empty for derived values such as means.
    ref: str = field(default="", compare=False)

    @property
    def has_value(self) -> bool:
        return self.value is not None

    # Cached because templates read them several times per score.
    @cached_property
    def rounded(self) -> int | None:
        return None if self.value is None else round_score(self.value)

    @cached_property
    def band(self) -> ScoreBand | None:
        return None if self.value is None else band_for(self.value)

    @property
    def is_complete(self) -> bool:
        return self.answered == self.total


@dataclass(frozen=True)
class RegionInfo:
    id: int
    code: str
    name: str
    country: str


@dataclass
class IndicatorInfo:
    id: int
    code: str
    title: str
    question: str
    parent_id: int | None
    parts: list["IndicatorInfo"] = field(default_factory=list)


@dataclass
class DimensionInfo:
    id: int
    code: str
    name: str
    indicators: list[IndicatorInfo] = field(default_factory=list)


@dataclass
class AreaInfo:
    id: int
    code: str
    name: str
    description: str
    # The comparable policy area of a national framework, if the framework links one.
    comparable_area_id: int | None
    comparable_framework_id: int | None
    comparable_code: str | None
    dimensions: list[DimensionInfo] = field(default_factory=list)


@dataclass
class FrameworkTree:
    """The policy areas, dimensions and indicators of one framework, in framework order."""

    areas: list[AreaInfo]

    def area(self, area_id: int) -> AreaInfo | None:
        return next((area for area in self.areas if area.id == area_id), None)

    def area_by_code(self, code: str) -> AreaInfo | None:
        return next((area for area in self.areas if area.code == code), None)

    def indicators(self) -> Iterable[tuple[AreaInfo, IndicatorInfo]]:
        """Yield every indicator with its area, parts right after their composite."""
        for area in self.areas:
            for dimension in area.dimensions:
                for indicator in dimension.indicators:
                    yield area, indicator
                    for part in indicator.parts:
                        yield area, part


def load_framework_tree(framework_id: int, language_code: str | None = None) -> FrameworkTree:
    """Load a framework's areas, dimensions and indicators with three queries.

    Names, descriptions, titles and questions are those of the translations into
    `language_code` (by default the active language) where they exist, and the source's
    otherwise. Codes, order and structure always come from the source rows.
    """
    language = _content_language(language_code)
    areas = {
        row["id"]: AreaInfo(
            row["id"],
            row["code"],
            row["name"],
            row["description"],
            row["comparable_area_id"],
            row["comparable_area__framework_id"],
            row["comparable_area__code"],
        )
        for row in _localised_rows(
            PolicyArea.objects.filter(framework_id=framework_id),
            language,
            ["id", "code", "comparable_area_id"],
            ["name", "description"],
            extra=["comparable_area__framework_id", "comparable_area__code"],
        )
    }

    dimensions: dict[int, DimensionInfo] = {}
    for row in _localised_rows(
        Dimension.objects.filter(framework_id=framework_id),
        language,
        ["id", "code", "area_id"],
        ["name"],
    ):
        dimensions[row["id"]] = DimensionInfo(row["id"], row["code"], row["name"])
        areas[row["area_id"]].dimensions.append(dimensions[row["id"]])

    indicators: dict[int, IndicatorInfo] = {}
    for row in _localised_rows(
        Indicator.objects.filter(framework_id=framework_id),
        language,
        ["id", "code", "parent_id", "dimension_id"],
        ["title", "question"],
    ):
        indicator = IndicatorInfo(
            row["id"], row["code"], row["title"], row["question"], row["parent_id"]
        )
        indicators[row["id"]] = indicator
        if indicator.parent_id is None:
            dimensions[row["dimension_id"]].indicators.append(indicator)
    for indicator in indicators.values():
        if indicator.parent_id is not None:
            indicators[indicator.parent_id].parts.append(indicator)

    return FrameworkTree(list(areas.values()))


def _content_language(language_code: str | None) -> str:
    """Return the content language to show: the given or active one, or the default."""
    try:
        return get_supported_language_variant(language_code or get_language() or "")
    except LookupError:
        return default_language_code()


def _localised_rows(
    queryset: QuerySet,
    language: str,
    fields: list[str],
    text_fields: list[str],
    extra: Iterable[str] = (),
) -> list[dict]:
    """Return the source rows of `queryset` in framework order, as dicts, in one query.

    The rows of `language` are read in the same query; their non-empty `text_fields`
    replace the source's, matched by translation key.
    """
    default = default_language_code()
    rows = (
        queryset.filter(locale__language_code__in={default, language})
        .order_by("order", "code")
        .values(*fields, *text_fields, *extra, "translation_key", "locale__language_code")
    )
    source, translated = [], {}
    for row in rows:
        if row["locale__language_code"] == default:
            source.append(row)
        else:
            translated[row["translation_key"]] = row
    for row in source:
        translation = translated.get(row["translation_key"], {})
        row.update({name: translation[name] for name in text_fields if translation.get(name)})
    return source


@dataclass
class EditionScores:
    """The overall, area and dimension scores of every scored region of one edition."""

    regions: dict[int, RegionInfo]
    # {(level, code): {region id: score}}
    by_key: dict[tuple[str, str], dict[int, ScoreResult]]

    def get(self, region_id: int, level: str, code: str) -> ScoreResult | None:
        return self.by_key.get((level, code), {}).get(region_id)

    def overall(self, region_id: int) -> ScoreResult | None:
        return self.get(region_id, ScoreLevel.OVERALL, OVERALL_CODE)

    def ranking(self, level: str, code: str) -> list[tuple[RegionInfo, ScoreResult, int]]:
        """Return (region, score, rank) for the regions with a value, best first.

        Regions whose scores round to the same whole number share a rank (1, 2, 2, 4),
        because readers compare the rounded scores they see.
        """
        scored = [
            (self.regions[region_id], score)
            for region_id, score in self.by_key.get((level, code), {}).items()
            if score.has_value
        ]
        scored.sort(key=lambda item: (-item[1].rounded, item[0].name, item[0].code))
        ranking = []
        for position, (region, score) in enumerate(scored, start=1):
            previous = ranking[-1] if ranking else None
            same = previous is not None and previous[1].rounded == score.rounded
            ranking.append((region, score, previous[2] if same else position))
        return ranking

    def rank(self, region_id: int, level: str, code: str) -> tuple[int, int] | None:
        """Return (rank, number of ranked regions), or None if the region has no value."""
        ranking = self.ranking(level, code)
        for region, _, rank in ranking:
            if region.id == region_id:
                return rank, len(ranking)
        return None

    def mean(self, level: str, code: str, region_ids: Iterable[int]) -> float | None:
        """Return the unrounded mean over the given regions that have a value."""
        scores = self.by_key.get((level, code), {})
        values = [
            scores[region_id].value
            for region_id in region_ids
            if region_id in scores and scores[region_id].has_value
        ]
        return sum(values) / len(values) if values else None

    def regions_of_country(self, country: str) -> list[RegionInfo]:
        return sorted(
            (region for region in self.regions.values() if region.country == country),
            key=lambda region: region.code,
        )


SUMMARY_LEVELS = (ScoreLevel.OVERALL, ScoreLevel.AREA)


def load_edition_scores(
    edition: Edition, levels: Iterable[str] = SUMMARY_LEVELS, codes: Iterable[str] | None = None
) -> EditionScores:
    """Load the scores of all regions of an edition at the given levels, with one query.

    `codes` limits the scores to some areas, dimensions or indicators.
    """
    scores = Score.objects.filter(edition=edition, level__in=list(levels))
    if codes is not None:
        scores = scores.filter(code__in=list(codes))
    rows = scores.values_list(
        "region_id",
        "region__code",
        "region__name",
        "region__country",
        "level",
        "code",
        "value",
        "answered",
        "total",
    )
    regions: dict[int, RegionInfo] = {}
    by_key: dict[tuple[str, str], dict[int, ScoreResult]] = defaultdict(dict)
    for region_id, code, name, country, level, score_code, value, answered, total in rows:
        if region_id not in regions:
            regions[region_id] = RegionInfo(region_id, code, name, country)
        ref = f"{edition.slug}/{code}/{level}/{score_code}"
        by_key[(level, score_code)][region_id] = ScoreResult(value, answered, total, ref)
    return EditionScores(regions, dict(by_key))


def load_region_scores(
    edition: Edition,
    region_id: int,
    levels: Iterable[str] = (ScoreLevel.DIMENSION, ScoreLevel.INDICATOR),
) -> dict[tuple[str, str], ScoreResult]:
    """Return one region's scores at the given levels by (level, code), with one query."""
    rows = Score.objects.filter(
        edition=edition, region_id=region_id, level__in=list(levels)
    ).values_list("region__code", "level", "code", "value", "answered", "total")
    return {
        (level, code): ScoreResult(
            value, answered, total, f"{edition.slug}/{region}/{level}/{code}"
        )
        for region, level, code, value, answered, total in rows
    }


@dataclass(frozen=True)
class AnswerInfo:
    """A final answer as readers see it: the chosen option's label, or how it was given."""

    option_label: str
    direct_score: float | None
    is_not_applicable: bool
    source: str
    comment: str


def load_final_answer_details(
    edition: Edition, region_id: int, language_code: str | None = None
) -> dict[int, AnswerInfo]:
    """Return one region's final answers by indicator id, with option, source and comment.

    Option labels are those of the translation into `language_code` (by default the active
    language) where one exists, read in the same query.
    """
    translated_label = AnswerOption.objects.filter(
        translation_key=OuterRef("option__translation_key"),
        locale__language_code=_content_language(language_code),
    ).values("label")[:1]
    rows = (
        Answer.objects.filter(
            response__edition=edition,
            response__region_id=region_id,
            response__role=ResponseRole.FINAL,
        )
        .annotate(translated_label=Subquery(translated_label))
        .values_list(
            "indicator_id",
            "option__label",
            "translated_label",
            "direct_score",
            "is_not_applicable",
            "source",
            "comment",
        )
    )
    return {
        indicator_id: AnswerInfo(translated or label or "", score, not_applicable, source, comment)
        for indicator_id, label, translated, score, not_applicable, source, comment in rows
    }


@dataclass(frozen=True)
class NationalScoreKey:
    edition_id: int
    country: str
    level: str
    code: str


def load_national_scores(
    edition_ids: Iterable[int], countries: Iterable[str], area_codes: Iterable[str]
) -> dict[NationalScoreKey, ScoreResult]:
    """Load the overall and area scores of countries in national editions, with one query.

    Countries are regions whose code is their ISO 3166-1 code, as the national workbook
    import stores them.
    """
    edition_ids, countries = list(edition_ids), list(countries)
    if not edition_ids or not countries:
        return {}
    rows = Score.objects.filter(
        edition_id__in=edition_ids,
        region__code__in=countries,
        level__in=[ScoreLevel.OVERALL, ScoreLevel.AREA],
        code__in=[OVERALL_CODE, *area_codes],
    ).values_list(
        "edition_id", "edition__slug", "region__code", "level", "code", "value", "answered", "total"
    )
    return {
        NationalScoreKey(edition_id, country, level, code): ScoreResult(
            value, answered, total, f"{slug}/{country}/{level}/{code}"
        )
        for edition_id, slug, country, level, code, value, answered, total in rows
    }
