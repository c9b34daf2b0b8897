"""Score summaries along the extra axes that indicators are tagged with.

An axis, such as policy-cycle stage or target group, cuts across policy areas. The summary
of an axis value is the mean of the stored scores of the indicators tagged with it, with
the same coverage rules as a dimension: unscored indicators are left out of the mean, and
not-applicable ones are left out of the counts.
"""

from collections import defaultdict
from dataclasses import dataclass

from .models import Edition, Indicator, Score, ScoreLevel


@dataclass(frozen=True)
class AxisSummary:
    axis: str
    value: str
    name: str
    score: float | None
    answered: int
    total: int


def summarise_by_axis(edition: Edition, region_id: int) -> list[AxisSummary]:
    """Summarise one region's indicator scores per axis value, in three queries."""
    scores = {
        code: (value, answered, total)
        for code, value, answered, total in Score.objects.filter(
            edition=edition, region_id=region_id, level=ScoreLevel.INDICATOR
        ).values_list("code", "value", "answered", "total")
    }
    tagged = Indicator.axis_values.through.objects.filter(
        indicator__framework_id=edition.framework_id
    ).values_list("axisvalue__axis__code", "axisvalue__code", "axisvalue__name", "indicator__code")

    members: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for axis_code, value_code, value_name, indicator_code in tagged:
        members[(axis_code, value_code, value_name)].append(indicator_code)

    summaries = []
    for (axis_code, value_code, value_name), codes in sorted(members.items()):
        found = [scores[code] for code in codes if code in scores]
        values = [value for value, _, _ in found if value is not None]
        summaries.append(
            AxisSummary(
                axis=axis_code,
                value=value_code,
                name=value_name,
                score=sum(values) / len(values) if values else None,
                answered=sum(1 for _, answered, _ in found if answered),
                total=sum(1 for _, _, total in found if total),
            )
        )
    return summaries
