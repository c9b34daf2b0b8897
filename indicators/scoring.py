"""The MIPEX scoring method.

- An indicator scores its answer option's score, or its direct score. A composite indicator
  without a score of its own scores the weighted mean of its parts.
- A dimension scores the mean of its indicators, a policy area the mean of its dimensions,
  and the overall score is the unweighted mean of the policy areas.
- Unanswered and not-applicable indicators are left out of every mean, unless the framework
  counts unanswered indicators as 0. Not-applicable indicators are always left out.
- Means use unrounded values; `indicators.bands.round_score` rounds for display only.

`score_region` is the method itself, on plain values. `compute_edition_scores` runs it for a
whole edition with a fixed number of queries and stores the results as `Score` rows.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .bulk_sql import write_rows
from .models import Answer, Dimension, Edition, Indicator, PolicyArea, ResponseRole, Score
from .models.scores import OVERALL_CODE, ScoreLevel

logger = logging.getLogger(__name__)

# The Score fields in the order of the value tuples that compute_edition_scores writes.
SCORE_FIELDS = ("edition", "region", "level", "code", "value", "answered", "total")

# An answer reduced to what scoring needs: a score from 0 to 100, or NOT_APPLICABLE.
# Unanswered indicators are simply absent from the mapping.
NOT_APPLICABLE = "n/a"
AnswerValue = float | str


@dataclass(frozen=True)
class ScoreRecord:
    level: str
    code: str
    value: float | None
    answered: int
    total: int


@dataclass
class IndicatorNode:
    id: int
    code: str
    weight: float
    parts: list["IndicatorNode"] = field(default_factory=list)


@dataclass
class DimensionNode:
    code: str
    indicators: list[IndicatorNode]


@dataclass
class AreaNode:
    code: str
    dimensions: list[DimensionNode]


@dataclass
class FrameworkStructure:
    """The tree of a framework, loaded once and reused for every region of an edition."""

    areas: list[AreaNode]
    unanswered_counts_as_zero: bool = False

    @classmethod
    def load(cls, framework_id: int, unanswered_counts_as_zero: bool) -> "FrameworkStructure":
        """Load the tree of one framework with three queries."""
        nodes: dict[int, IndicatorNode] = {}
        by_dimension: dict[int, list[IndicatorNode]] = defaultdict(list)
        rows = (
            Indicator.objects.source().filter(framework_id=framework_id).order_by("order", "code")
        )
        rows = rows.values_list("id", "code", "weight", "dimension_id", "parent_id")
        parent_of: dict[int, int] = {}
        for indicator_id, code, weight, dimension_id, parent_id in rows:
            nodes[indicator_id] = IndicatorNode(indicator_id, code, weight)
            if parent_id is None:
                by_dimension[dimension_id].append(nodes[indicator_id])
            else:
                parent_of[indicator_id] = parent_id
        for part_id, parent_id in parent_of.items():
            nodes[parent_id].parts.append(nodes[part_id])

        by_area: dict[int, list[DimensionNode]] = defaultdict(list)
        dimensions = (
            Dimension.objects.source().filter(framework_id=framework_id).order_by("order", "code")
        )
        for dimension_id, code, area_id in dimensions.values_list("id", "code", "area_id"):
            by_area[area_id].append(DimensionNode(code, by_dimension[dimension_id]))

        areas = (
            PolicyArea.objects.source().filter(framework_id=framework_id).order_by("order", "code")
        )
        return cls(
            areas=[
                AreaNode(code, by_area[area_id])
                for area_id, code in areas.values_list("id", "code")
            ],
            unanswered_counts_as_zero=unanswered_counts_as_zero,
        )


@dataclass(frozen=True)
class _Partial:
    """A score under construction: its value and coverage counts."""

    value: float | None
    answered: int
    total: int


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def _score_indicator(
    node: IndicatorNode,
    answers: Mapping[int, AnswerValue],
    counts_as_zero: bool,
    records: list[ScoreRecord],
) -> _Partial:
    part_results = [
        (part, _score_indicator(part, answers, counts_as_zero, records)) for part in node.parts
    ]
    answer = answers.get(node.id)

    if answer == NOT_APPLICABLE:
        result = _Partial(None, 0, 0)
    elif answer is not None:
        result = _Partial(float(answer), 1, 1)
    elif part_results:
        result = _combine_parts(part_results)
    elif counts_as_zero:
        result = _Partial(0.0, 0, 1)
    else:
        result = _Partial(None, 0, 1)

    records.append(
        ScoreRecord(ScoreLevel.INDICATOR, node.code, result.value, result.answered, result.total)
    )
    return result


def _combine_parts(part_results: list[tuple[IndicatorNode, _Partial]]) -> _Partial:
    """Weighted mean of the parts that have a value; coverage summed over the parts."""
    weighted = [
        (part.weight, result.value) for part, result in part_results if result.value is not None
    ]
    total_weight = sum(weight for weight, _ in weighted)
    answered = sum(result.answered for _, result in part_results)
    total = sum(result.total for _, result in part_results)
    if not weighted or total_weight == 0:
        return _Partial(None, answered, total)
    value = sum(weight * value for weight, value in weighted) / total_weight
    # The composite counts as one indicator in its dimension: answered if any part is.
    return _Partial(value, answered, total)


def score_region(
    structure: FrameworkStructure, answers: Mapping[int, AnswerValue]
) -> list[ScoreRecord]:
    """Score one region's final answers (indicator id to score or NOT_APPLICABLE)."""
    records: list[ScoreRecord] = []
    area_values: list[float] = []
    overall_answered = overall_total = 0

    for area in structure.areas:
        dimension_values: list[float] = []
        area_answered = area_total = 0
        for dimension in area.dimensions:
            indicator_values: list[float] = []
            answered = total = 0
            for indicator in dimension.indicators:
                result = _score_indicator(
                    indicator, answers, structure.unanswered_counts_as_zero, records
                )
                if result.value is not None:
                    indicator_values.append(result.value)
                # In a dimension's coverage a composite counts once, like any indicator.
                answered += 1 if result.answered else 0
                total += 1 if result.total else 0
            value = _mean(indicator_values)
            records.append(
                ScoreRecord(ScoreLevel.DIMENSION, dimension.code, value, answered, total)
            )
            if value is not None:
                dimension_values.append(value)
            area_answered += answered
            area_total += total

        area_value = _mean(dimension_values)
        records.append(
            ScoreRecord(ScoreLevel.AREA, area.code, area_value, area_answered, area_total)
        )
        if area_value is not None:
            area_values.append(area_value)
        overall_answered += area_answered
        overall_total += area_total

    records.append(
        ScoreRecord(
            ScoreLevel.OVERALL, OVERALL_CODE, _mean(area_values), overall_answered, overall_total
        )
    )
    return records


def load_final_answers(
    edition: Edition, region_ids: Iterable[int] | None = None
) -> dict[int, dict[int, AnswerValue]]:
    """Return an edition's final answers as {region id: {indicator id: value}}, in one query."""
    answers = Answer.objects.filter(response__edition=edition, response__role=ResponseRole.FINAL)
    if region_ids is not None:
        answers = answers.filter(response__region_id__in=list(region_ids))
    rows = answers.values_list(
        "response__region_id", "indicator_id", "option__score", "direct_score", "is_not_applicable"
    )

    by_region: dict[int, dict[int, AnswerValue]] = {}
    for region_id, indicator_id, option_score, direct_score, not_applicable in rows.iterator(
        chunk_size=5000
    ):
        region_answers = by_region.setdefault(region_id, {})
        if not_applicable:
            region_answers[indicator_id] = NOT_APPLICABLE
        elif option_score is not None:
            region_answers[indicator_id] = option_score
        elif direct_score is not None:
            region_answers[indicator_id] = direct_score
    return by_region


def _final_region_ids(edition: Edition, region_ids: Iterable[int] | None) -> set[int]:
    responses = edition.responses.filter(role=ResponseRole.FINAL)
    if region_ids is not None:
        responses = responses.filter(region_id__in=list(region_ids))
    return set(responses.values_list("region_id", flat=True))


def compute_edition_scores(edition: Edition, region_ids: Iterable[int] | None = None) -> int:
    """Recompute and store the scores of an edition, or of some of its regions.

    Every region with a final response is scored; regions without one lose their stored
    scores. Returns the number of scores written.
    """
    region_ids = list(region_ids) if region_ids is not None else None
    framework = edition.framework
    structure = FrameworkStructure.load(framework.id, framework.unanswered_counts_as_zero)
    answers = load_final_answers(edition, region_ids)
    scored_regions = _final_region_ids(edition, region_ids)

    scores = [
        (
            edition.pk,
            region_id,
            record.level,
            record.code,
            record.value,
            record.answered,
            record.total,
        )
        for region_id in sorted(scored_regions)
        for record in score_region(structure, answers.get(region_id, {}))
    ]

    with transaction.atomic():
        stale = Score.objects.filter(edition=edition)
        if region_ids is not None:
            stale = stale.filter(region_id__in=region_ids)
        # Wagtail connects delete signals for every model, which makes QuerySet.delete()
        # fetch and signal each row. Scores have no dependants, so one DELETE is enough.
        stale._raw_delete(stale.db)
        write_rows(Score, SCORE_FIELDS, scores)
        Edition.objects.filter(pk=edition.pk).update(scores_computed_at=timezone.now())

    logger.info(
        "Computed %d scores for %d regions of edition %s",
        len(scores),
        len(scored_regions),
        edition.slug,
    )
    return len(scores)
