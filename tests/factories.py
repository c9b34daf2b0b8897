"""Small builders for frameworks, editions and answers, written straight to the database."""

from collections.abc import Iterable

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
from regions.models import Region, RegionLevel


def make_framework(
    layout: dict[str, dict[str, Iterable[str]]],
    *,
    name: str = "Test framework",
    unanswered_counts_as_zero: bool = False,
    options: Iterable[tuple[str, float]] = (("a", 100), ("b", 50), ("c", 0)),
) -> Framework:
    """Build a framework from {area code: {dimension code: [indicator codes]}}.

    Every indicator gets the same answer options; an indicator code written as
    "parent/part" becomes a part of the composite indicator "parent".
    """
    framework = Framework.objects.create(
        name=name,
        slug=name.lower().replace(" ", "-"),
        unanswered_counts_as_zero=unanswered_counts_as_zero,
    )
    order = 0
    for area_order, (area_code, dimensions) in enumerate(layout.items()):
        area = PolicyArea.objects.create(
            framework=framework, code=area_code, name=f"Area {area_code}", order=area_order
        )
        for dimension_order, (dimension_code, codes) in enumerate(dimensions.items()):
            dimension = Dimension.objects.create(
                framework=framework,
                area=area,
                code=dimension_code,
                name=f"Dimension {dimension_code}",
                order=dimension_order,
            )
            for code in codes:
                order += 1
                parent_code, _, part_code = code.rpartition("/")
                parent = (
                    Indicator.objects.get(framework=framework, code=parent_code)
                    if parent_code
                    else None
                )
                indicator = Indicator.objects.create(
                    framework=framework,
                    dimension=dimension,
                    parent=parent,
                    code=part_code,
                    title=f"Indicator {part_code}",
                    order=order,
                )
                AnswerOption.objects.bulk_create(
                    AnswerOption(
                        indicator=indicator,
                        locale_id=indicator.locale_id,
                        code=option,
                        label=option.upper(),
                        score=score,
                        order=i,
                    )
                    for i, (option, score) in enumerate(options)
                )
    return framework


def make_region(code: str = "ES51", *, name: str = "Cataluña", country: str = "ES") -> Region:
    region, _ = Region.objects.get_or_create(
        code=code, defaults={"name": name, "country": country, "level": RegionLevel.NUTS2}
    )
    return region


def make_edition(framework: Framework, slug: str = "test-2026", year: int = 2026) -> Edition:
    return Edition.objects.create(
        framework=framework, slug=slug, title=slug, year=year, status=EditionStatus.PUBLISHED
    )


def answer(
    edition: Edition,
    region: Region,
    indicator_code: str,
    value: str | float | None,
    *,
    role: str = ResponseRole.FINAL,
) -> Answer:
    """Save one answer: an option code, a number (direct score), "n/a", or None (unanswered)."""
    response, _ = QuestionnaireResponse.objects.get_or_create(
        edition=edition, region=region, role=role
    )
    indicator = Indicator.objects.get(framework=edition.framework, code=indicator_code)
    fields = {"option": None, "direct_score": None, "is_not_applicable": False}
    if value == "n/a":
        fields["is_not_applicable"] = True
    elif isinstance(value, str):
        fields["option"] = indicator.options.get(code=value)
    elif value is not None:
        fields["direct_score"] = float(value)
    saved, _ = Answer.objects.update_or_create(
        response=response, indicator=indicator, defaults=fields
    )
    return saved
