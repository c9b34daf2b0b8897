"""Benchmark: recomputing every score of an edition, for 100, 300 and 1,000 regions.

Each region has final answers to a 60-indicator framework (8 policy areas, 20
dimensions). The target is under 2 seconds for 300 regions, and time linear in the number
of answers. Run: .venv/bin/python bench/bench_scoring.py
"""

import random

from common import database_label, setup_django, time_call

REGION_COUNTS = (100, 300, 1000)
INDICATORS_PER_DIMENSION = 3
DIMENSIONS_PER_AREA = (3, 2, 3, 2, 3, 2, 3, 2)  # 20 dimensions, 60 indicators


def build_framework():
    from indicators.models import AnswerOption, Dimension, Framework, Indicator, PolicyArea

    framework = Framework.objects.create(name="Benchmark", slug="benchmark")
    order = 0
    for area_number, dimension_count in enumerate(DIMENSIONS_PER_AREA):
        area = PolicyArea.objects.create(framework=framework, code=f"a{area_number}", name="Area")
        for dimension_number in range(dimension_count):
            dimension = Dimension.objects.create(
                framework=framework, area=area, code=f"a{area_number}d{dimension_number}", name="D"
            )
            for _ in range(INDICATORS_PER_DIMENSION):
                order += 1
                indicator = Indicator.objects.create(
                    framework=framework,
                    dimension=dimension,
                    code=f"i{order}",
                    title="I",
                    order=order,
                )
                AnswerOption.objects.bulk_create(
                    AnswerOption(
                        indicator=indicator,
                        locale_id=indicator.locale_id,
                        code=code,
                        label=code,
                        score=score,
                    )
                    for code, score in (("a", 100), ("b", 50), ("c", 0))
                )
    return framework


def build_edition(framework, slug: str, region_count: int):
    from indicators.models import Answer, Edition, QuestionnaireResponse
    from regions.models import Region

    edition = Edition.objects.create(framework=framework, slug=slug, title=slug, year=2026)
    regions = Region.objects.bulk_create(
        Region(code=f"{slug[:2]}{n:05d}", name=f"Region {n}", country="ES", level="nuts2")
        for n in range(region_count)
    )
    responses = QuestionnaireResponse.objects.bulk_create(
        QuestionnaireResponse(edition=edition, region=region, role="final") for region in regions
    )
    options = list(framework.indicators.values_list("id", "options__id"))
    by_indicator: dict[int, list[int]] = {}
    for indicator_id, option_id in options:
        by_indicator.setdefault(indicator_id, []).append(option_id)
    chooser = random.Random(region_count)
    Answer.objects.bulk_create(
        (
            Answer(
                response=response, indicator_id=indicator_id, option_id=chooser.choice(option_ids)
            )
            for response in responses
            for indicator_id, option_ids in by_indicator.items()
        ),
        batch_size=5000,
    )
    return edition


def main() -> None:
    setup_django()
    from indicators.scoring import compute_edition_scores

    framework = build_framework()
    print(f"Database: {database_label()}")
    print("regions  answers  seconds  seconds per 1,000 answers")
    for count, prefix in zip(REGION_COUNTS, ("aa", "bb", "cc"), strict=True):
        edition = build_edition(framework, f"{prefix}-bench", count)
        answers = count * 60
        seconds = time_call(lambda edition=edition: compute_edition_scores(edition), repeat=3)
        print(f"{count:7d}  {answers:7d}  {seconds:7.3f}  {seconds / answers * 1000:.4f}")


if __name__ == "__main__":
    main()
