"""The demo's Catalan and Greek profiles, published through wagtail-localize."""

import pytest
from wagtail.models import Page
from wagtail_localize.models import StringTranslation

from home.demo_pages import load_demo_pages
from home.demo_translations import load_demo_translations
from indicators.demo.loader import load_demo_data
from indicators.models import PolicyArea
from regions.models import RegionProfilePage
from tests.test_profiles import shown_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_index(publish_without_commit):
    return load_demo_pages(load_demo_data().edition).index


@pytest.mark.parametrize(
    ("language_code", "region_code", "title", "summary", "commentary"),
    [
        (
            "ca",
            "ES51",
            "Catalunya",
            "Com puntua Catalunya a MIPEX-REG demo 2025.",
            "Suport regional a la naturalització.",
        ),
        (
            "el",
            "EL41",
            "Βόρειο Αιγαίο",
            "Πώς βαθμολογείται η περιφέρεια Βόρειο Αιγαίο στην έκδοση MIPEX-REG demo 2025.",
            "Περιφερειακή στήριξη για την πολιτογράφηση.",
        ),
    ],
)
def test_demo_publishes_translated_profile(
    client, demo_index, language_code, region_code, title, summary, commentary
):
    load_demo_translations(demo_index)
    profiles = RegionProfilePage.objects.filter(region__code=region_code)
    source = profiles.get(locale__language_code="en")
    translated = profiles.get(locale__language_code=language_code)

    html = client.get(translated.url).content.decode()

    assert translated.live
    assert translated.title == title
    assert summary in html
    assert commentary in html
    assert shown_scores(html) == shown_scores(client.get(source.url).content.decode())


def test_demo_translations_run_twice(demo_index):
    first = load_demo_translations(demo_index)
    pages = Page.objects.count()
    strings = StringTranslation.objects.count()

    second = load_demo_translations(demo_index)

    assert first.pages_translated == second.pages_translated == 8
    assert first.snippets_translated == second.snippets_translated > 0
    assert Page.objects.count() == pages
    assert StringTranslation.objects.count() == strings
    for language_code in ("ca", "el"):
        translated = RegionProfilePage.objects.live().filter(locale__language_code=language_code)
        assert translated.count() == 2


@pytest.mark.parametrize(
    ("language_code", "region_code", "names"),
    [
        (
            "ca",
            "ES51",
            ["Mobilitat al mercat laboral", "Drets electorals", "En part, o només per a alguns"],
        ),
        ("el", "EL41", ["Οικογενειακή επανένωση", "Εκλογικά δικαιώματα", "Εν μέρει, ή μόνο"]),
    ],
)
def test_demo_translates_framework_names(client, demo_index, language_code, region_code, names):
    load_demo_translations(demo_index)
    page = RegionProfilePage.objects.get(
        region__code=region_code, locale__language_code=language_code
    )
    html = client.get(page.url).content.decode()

    for name in names:
        assert name in html
    assert PolicyArea.objects.filter(locale__language_code=language_code).count() == 8
