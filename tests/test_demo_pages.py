import pytest
from django.core.management import call_command
from wagtail.models import Page

from home.models import StandardPage
from regions.models import PolicyAreaPage, RegionIndexPage, RegionProfilePage

pytestmark = pytest.mark.django_db


def test_load_demo_builds_pages_once(client):
    call_command("load_demo")
    pages_after_first_run = Page.objects.count()
    call_command("load_demo")

    assert Page.objects.count() == pages_after_first_run
    assert RegionIndexPage.objects.live().count() == 1
    assert RegionProfilePage.objects.live().count() == 9
    assert PolicyAreaPage.objects.live().count() == 2
    assert StandardPage.objects.live().get().slug == "methodology"
    for page in Page.objects.live().exclude(depth=1).specific():
        assert client.get(page.url).status_code == 200, page.url


def test_load_demo_links_national_edition_later(client):
    from indicators.importers.mipex_workbook.writing import FRAMEWORK_SLUG
    from indicators.models import Framework
    from tests.factories import answer, make_edition, make_framework, make_region

    call_command("load_demo")
    profile = RegionProfilePage.objects.get(region__code="ES51", locale__language_code="en")
    assert profile.body.first_block_by_name("comparison").value["national_edition"] is None

    # A national framework with the workbook's area codes, as import_mipex_workbook makes.
    national = make_framework({code: {code: [f"{code}1"]} for code in "abcdefgh"}, name="National")
    Framework.objects.filter(pk=national.pk).update(slug=FRAMEWORK_SLUG)
    national_edition = make_edition(national, slug="mipex-2019", year=2019)
    answer(national_edition, make_region("ES", name="Spain", country="ES"), "a1", "a")
    call_command("load_demo")

    profile = RegionProfilePage.objects.get(region__code="ES51", locale__language_code="en")
    comparison = profile.body.first_block_by_name("comparison")
    assert comparison.value["national_edition"] == national_edition
    assert PolicyAreaPage.objects.filter(national_edition=national_edition).count() == 2
    assert "Spain" in client.get(profile.url).content.decode()
