import pytest

from indicators.models import PolicyArea
from regions.profiles import latest_national_edition
from tests.factories import answer, make_edition, make_framework, make_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def regional_edition():
    national = make_framework({"a": {"a": ["n1"]}}, name="National")
    regional = make_framework({"lm": {"lm1": ["r1"]}}, name="Regional")
    PolicyArea.objects.filter(framework=regional, code="lm").update(
        comparable_area=PolicyArea.objects.get(framework=national, code="a")
    )
    edition = make_edition(regional, slug="regional-2025", year=2025)
    answer(edition, make_region("ES51"), "r1", "a")
    answer(edition, make_region("ITI1", name="Toscana", country="IT"), "r1", "b")
    return national, edition


def test_latest_national_edition_covers_countries(regional_edition):
    national, edition = regional_edition
    spain = make_region("ES", name="Spain", country="ES")
    italy = make_region("IT", name="Italy", country="IT")
    jordan = make_region("JO", name="Jordan", country="JO")
    full = make_edition(national, slug="mipex-2019", year=2019)
    answer(full, spain, "n1", "a")
    answer(full, italy, "n1", "b")
    # A later year with data for another country only, as the national workbook's 2020.
    partial = make_edition(national, slug="mipex-2020", year=2020)
    answer(partial, jordan, "n1", "c")

    assert latest_national_edition(edition) == full


def test_latest_national_edition_prefers_later_year(regional_edition):
    national, edition = regional_edition
    spain = make_region("ES", name="Spain", country="ES")
    older = make_edition(national, slug="mipex-2014", year=2014)
    newer = make_edition(national, slug="mipex-2019", year=2019)
    for national_edition in (older, newer):
        answer(national_edition, spain, "n1", "a")

    assert latest_national_edition(edition) == newer


def test_latest_national_edition_without_comparable_areas():
    framework = make_framework({"lm": {"lm1": ["r1"]}}, name="Regional")

    assert latest_national_edition(make_edition(framework)) is None
