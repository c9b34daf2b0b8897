import pytest

from indicators.bands import SCORE_BANDS, band_for, round_score
from indicators.models import Score, ScoreLevel
from indicators.scoring import compute_edition_scores
from tests.factories import answer, make_edition, make_framework, make_region

pytestmark = pytest.mark.django_db


def stored(edition, region, level, code):
    return Score.objects.get(edition=edition, region=region, level=level, code=code)


@pytest.fixture
def two_area_edition():
    """Area x has dimensions x1 (2 indicators) and x2 (1 indicator); area y has one dimension."""
    framework = make_framework({"x": {"x1": ["i1", "i2"], "x2": ["i3"]}, "y": {"y1": ["j1", "j2"]}})
    return make_edition(framework)


def test_area_is_mean_of_dimension_means(two_area_edition):
    edition, region = two_area_edition, make_region()
    answer(edition, region, "i1", "a")  # 100
    answer(edition, region, "i2", "c")  # 0
    answer(edition, region, "i3", "b")  # 50

    compute_edition_scores(edition)

    assert stored(edition, region, ScoreLevel.DIMENSION, "x1").value == 50
    assert stored(edition, region, ScoreLevel.DIMENSION, "x2").value == 50
    # The mean of the three indicators would be 50 too; the next test separates the two means.
    assert stored(edition, region, ScoreLevel.AREA, "x").value == 50


def test_area_mean_differs_from_indicator_mean(two_area_edition):
    edition, region = two_area_edition, make_region()
    answer(edition, region, "i1", "a")  # 100
    answer(edition, region, "i2", "a")  # 100
    answer(edition, region, "i3", "c")  # 0

    compute_edition_scores(edition)

    assert stored(edition, region, ScoreLevel.AREA, "x").value == 50
    assert stored(edition, region, ScoreLevel.AREA, "x").answered == 3
    assert stored(edition, region, ScoreLevel.AREA, "x").total == 3


def test_overall_is_unweighted_mean_of_areas(two_area_edition):
    edition, region = two_area_edition, make_region()
    for code in ("i1", "i2", "i3"):
        answer(edition, region, code, "a")
    answer(edition, region, "j1", "b")
    answer(edition, region, "j2", "c")

    compute_edition_scores(edition)

    overall = stored(edition, region, ScoreLevel.OVERALL, "overall")
    assert overall.value == pytest.approx((100 + 25) / 2)
    assert (overall.answered, overall.total) == (5, 5)


def test_unanswered_left_out_with_coverage(two_area_edition):
    edition, region = two_area_edition, make_region()
    answer(edition, region, "i1", "a")
    answer(edition, region, "i2", None)

    compute_edition_scores(edition)

    dimension = stored(edition, region, ScoreLevel.DIMENSION, "x1")
    assert dimension.value == 100
    assert (dimension.answered, dimension.total) == (1, 2)
    assert stored(edition, region, ScoreLevel.DIMENSION, "x2").value is None
    assert stored(edition, region, ScoreLevel.AREA, "x").value == 100
    assert stored(edition, region, ScoreLevel.AREA, "y").value is None
    overall = stored(edition, region, ScoreLevel.OVERALL, "overall")
    assert overall.value == 100
    assert (overall.answered, overall.total) == (1, 5)


def test_not_applicable_left_out_of_mean_and_total(two_area_edition):
    edition, region = two_area_edition, make_region()
    answer(edition, region, "i1", "b")
    answer(edition, region, "i2", "n/a")

    compute_edition_scores(edition)

    dimension = stored(edition, region, ScoreLevel.DIMENSION, "x1")
    assert dimension.value == 50
    assert (dimension.answered, dimension.total) == (1, 1)
    indicator = stored(edition, region, ScoreLevel.INDICATOR, "i2")
    assert indicator.value is None
    assert (indicator.answered, indicator.total) == (0, 0)


def test_unanswered_counts_as_zero_setting():
    framework = make_framework({"x": {"x1": ["i1", "i2", "i3"]}}, unanswered_counts_as_zero=True)
    edition, region = make_edition(framework), make_region()
    answer(edition, region, "i1", "a")
    answer(edition, region, "i2", "n/a")

    compute_edition_scores(edition)

    dimension = stored(edition, region, ScoreLevel.DIMENSION, "x1")
    assert dimension.value == 50  # i1 = 100, i3 unanswered = 0, i2 not applicable is left out
    assert (dimension.answered, dimension.total) == (1, 2)
    assert stored(edition, region, ScoreLevel.INDICATOR, "i3").value == 0


def test_composite_is_weighted_mean_of_parts():
    framework = make_framework({"x": {"x1": ["c1", "c1/p1", "c1/p2", "i2"]}})
    framework.indicators.filter(code="p1").update(weight=3)
    edition, region = make_edition(framework), make_region()
    answer(edition, region, "p1", "a")  # 100, weight 3
    answer(edition, region, "p2", "c")  # 0, weight 1
    answer(edition, region, "i2", "c")  # 0

    compute_edition_scores(edition)

    composite = stored(edition, region, ScoreLevel.INDICATOR, "c1")
    assert composite.value == 75
    assert (composite.answered, composite.total) == (2, 2)
    dimension = stored(edition, region, ScoreLevel.DIMENSION, "x1")
    assert dimension.value == pytest.approx(37.5)  # parts count once, through the composite
    assert (dimension.answered, dimension.total) == (2, 2)


def test_composite_own_score_counts_parts_once():
    framework = make_framework({"x": {"x1": ["c1", "c1/p1", "c1/p2", "i2"]}})
    edition, region = make_edition(framework), make_region()
    answer(edition, region, "c1", 60.0)
    answer(edition, region, "p1", "a")
    answer(edition, region, "p2", "a")
    answer(edition, region, "i2", 20.0)

    compute_edition_scores(edition)

    assert stored(edition, region, ScoreLevel.INDICATOR, "c1").value == 60
    assert stored(edition, region, ScoreLevel.INDICATOR, "p1").value == 100
    assert stored(edition, region, ScoreLevel.DIMENSION, "x1").value == 40


def test_means_use_unrounded_values():
    framework = make_framework({"x": {"x1": ["i1", "i2", "i3"]}, "y": {"y1": ["j1"]}})
    edition, region = make_edition(framework), make_region()
    answer(edition, region, "i1", 100.0)
    answer(edition, region, "i2", 100.0)
    answer(edition, region, "i3", 0.0)  # area x = 66.666...
    answer(edition, region, "j1", 34.0)  # overall = 50.333..., not (67 + 34) / 2 = 50.5

    compute_edition_scores(edition)

    overall = stored(edition, region, ScoreLevel.OVERALL, "overall").value
    assert overall == pytest.approx(50.3333333, abs=1e-6)
    assert round_score(overall) == 50


def test_only_final_answers_are_scored(two_area_edition):
    edition, region = two_area_edition, make_region()
    answer(edition, region, "i1", "c", role="expert")
    answer(edition, region, "i1", "a")

    compute_edition_scores(edition)

    assert stored(edition, region, ScoreLevel.INDICATOR, "i1").value == 100


def test_region_without_final_response_has_no_scores(two_area_edition):
    edition, region = two_area_edition, make_region()
    answer(edition, region, "i1", "a", role="expert")

    compute_edition_scores(edition)

    assert not Score.objects.filter(edition=edition).exists()


def test_final_answer_change_recomputes(two_area_edition, django_capture_on_commit_callbacks):
    edition, region = two_area_edition, make_region()
    with django_capture_on_commit_callbacks(execute=True):
        answer(edition, region, "i1", "a")
    assert stored(edition, region, ScoreLevel.INDICATOR, "i1").value == 100

    with django_capture_on_commit_callbacks(execute=True):
        answer(edition, region, "i1", "b")

    assert stored(edition, region, ScoreLevel.INDICATOR, "i1").value == 50
    assert stored(edition, region, ScoreLevel.OVERALL, "overall").value == 50


def test_final_answer_delete_recomputes(two_area_edition, django_capture_on_commit_callbacks):
    edition, region = two_area_edition, make_region()
    with django_capture_on_commit_callbacks(execute=True):
        answer(edition, region, "i1", "a")
        second = answer(edition, region, "i2", "c")

    with django_capture_on_commit_callbacks(execute=True):
        second.delete()

    assert stored(edition, region, ScoreLevel.DIMENSION, "x1").value == 100


def test_compute_query_count_constant(two_area_edition, django_assert_num_queries):
    edition = two_area_edition
    regions = [make_region(f"ES{n}", name=f"Region {n}") for n in range(1, 11)]
    for region in regions:
        answer(edition, region, "i1", "a")
        answer(edition, region, "j1", "b")

    # Queries: framework, indicators, dimensions, areas, answers, final regions, then in one
    # transaction the delete, the insert and the edition timestamp, plus a savepoint pair.
    with django_assert_num_queries(11, exact=False) as few_regions:
        compute_edition_scores(edition, region_ids=[r.pk for r in regions[:2]])
    with django_assert_num_queries(len(few_regions.captured_queries)):
        compute_edition_scores(edition)


@pytest.mark.parametrize(
    ("score", "slug"),
    [
        (100, "favourable"),
        (79.5, "favourable"),
        (79.49, "slightly-favourable"),
        (60, "slightly-favourable"),
        (59.5, "slightly-favourable"),
        (59, "halfway-favourable"),
        (41, "halfway-favourable"),
        (40.5, "halfway-favourable"),
        (40, "slightly-unfavourable"),
        (21, "slightly-unfavourable"),
        (20, "unfavourable"),
        (1, "unfavourable"),
        (0.5, "unfavourable"),
        (0.49, "critically-unfavourable"),
        (0, "critically-unfavourable"),
    ],
)
def test_band_for_boundaries(score, slug):
    assert band_for(score).slug == slug


def test_bands_cover_every_whole_score():
    for score in range(101):
        assert sum(score in band for band in SCORE_BANDS) == 1, score


def test_round_score_half_up():
    assert round_score(82.5) == 83
    assert round_score(2.5) == 3
    assert round_score(86.39012896825398) == 86
    assert round_score(58.33) == 58


def test_summarise_by_axis_means_tagged_indicators(two_area_edition):
    from indicators.axes import summarise_by_axis
    from indicators.models import Axis, Indicator

    edition, region = two_area_edition, make_region()
    stage = Axis.objects.create(framework=edition.framework, code="stage", name="Policy stage")
    access = stage.values.create(code="access", name="Access")
    support = stage.values.create(code="support", name="Support")
    Indicator.objects.get(code="i1").axis_values.add(access)
    Indicator.objects.get(code="j1").axis_values.add(access)
    Indicator.objects.get(code="i2").axis_values.add(support)
    Indicator.objects.get(code="i3").axis_values.add(support)
    answer(edition, region, "i1", "a")
    answer(edition, region, "j1", "c")
    answer(edition, region, "i2", "b")
    compute_edition_scores(edition)

    summaries = {s.value: s for s in summarise_by_axis(edition, region.pk)}

    assert summaries["access"].score == 50
    assert (summaries["access"].answered, summaries["access"].total) == (2, 2)
    assert summaries["support"].score == 50
    assert (summaries["support"].answered, summaries["support"].total) == (1, 2)
