"""Rendering a page runs the same number of queries whatever the size of the data."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

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
from regions.models import PolicyAreaPage, Region, RegionLevel
from regions.profiles import create_profile
from tests.page_factories import make_index_page

pytestmark = pytest.mark.django_db

AREAS = 8
DIMENSIONS_PER_AREA = 2
# Above this, a page would be loading something per block or per indicator.
MAX_QUERIES = 40


def build_edition(name: str, indicator_count: int, region_count: int) -> Edition:
    """Build a framework of `indicator_count` indicators and answer it for many regions."""
    framework = Framework.objects.create(name=name, slug=name)
    dimensions = []
    for area_number in range(AREAS):
        area = PolicyArea.objects.create(
            framework=framework, code=f"a{area_number}", name=f"Area {area_number}"
        )
        for dimension_number in range(DIMENSIONS_PER_AREA):
            dimensions.append(
                Dimension.objects.create(
                    framework=framework,
                    area=area,
                    code=f"a{area_number}d{dimension_number}",
                    name=f"Dimension {dimension_number}",
                )
            )
    locale = Locale.get_default()
    indicators = Indicator.objects.bulk_create(
        Indicator(
            framework=framework,
            locale=locale,
            dimension=dimensions[number % len(dimensions)],
            code=f"i{number}",
            title=f"Indicator {number}",
            order=number,
        )
        for number in range(indicator_count)
    )
    options = AnswerOption.objects.bulk_create(
        AnswerOption(indicator=indicator, locale=locale, code=code, label=code.upper(), score=score)
        for indicator in indicators
        for code, score in (("a", 100), ("b", 50), ("c", 0))
    )

    edition = Edition.objects.create(
        framework=framework, slug=name, title=name, year=2026, status=EditionStatus.PUBLISHED
    )
    regions = Region.objects.bulk_create(
        Region(
            code=f"{name[:2].upper()}{number:03d}",
            name=f"Region {number}",
            country="ES",
            level=RegionLevel.NUTS2,
        )
        for number in range(region_count)
    )
    responses = QuestionnaireResponse.objects.bulk_create(
        QuestionnaireResponse(edition=edition, region=region, role=ResponseRole.FINAL)
        for region in regions
    )
    chooser = random.Random(indicator_count)
    Answer.objects.bulk_create(
        Answer(
            response=response,
            indicator=indicator,
            option=options[3 * position + chooser.randrange(3)],
            source="Law 1/2020",
            comment="Checked.",
        )
        for response in responses
        for position, indicator in enumerate(indicators)
    )
    compute_edition_scores(edition)
    return edition


def count_queries(client, url: str) -> int:
    client.get(url)  # The first request fills caches that every later request reuses.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def small_and_large():
    """Profiles and area pages of a 50-indicator and a 200-indicator edition."""
    sites = {}
    for name, indicator_count, region_count in (("small", 50, 10), ("large", 200, 40)):
        edition = build_edition(name, indicator_count, region_count)
        index_page = make_index_page(edition)
        regions = list(Region.objects.filter(responses__edition=edition).order_by("code"))
        profile = None
        for region in regions:
            page = create_profile(index_page, region, publish=True)
            profile = profile or page
        area_page = PolicyAreaPage(
            title="Area 0",
            slug="area-0",
            edition=edition,
            area=PolicyArea.objects.get(framework=edition.framework, code="a0"),
        )
        index_page.add_child(instance=area_page)
        area_page.save_revision().publish()
        sites[name] = (profile, index_page, area_page)
    return sites


def test_profile_queries_constant(client, small_and_large):
    small = count_queries(client, small_and_large["small"][0].url)
    large = count_queries(client, small_and_large["large"][0].url)

    assert small == large
    assert large <= MAX_QUERIES


def test_index_and_area_queries_constant(client, small_and_large):
    small_index = count_queries(client, small_and_large["small"][1].url)
    large_index = count_queries(client, small_and_large["large"][1].url)
    small_area = count_queries(client, small_and_large["small"][2].url)
    large_area = count_queries(client, small_and_large["large"][2].url)

    assert small_index == large_index
    assert small_area == large_area
    assert max(large_index, large_area) <= MAX_QUERIES
