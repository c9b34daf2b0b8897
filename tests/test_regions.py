import pytest
from django.core.management import call_command
from django.utils import translation

from regions.countries import country_name, localized_country_name, to_iso_country_code
from regions.loading import ensure_countries, load_nuts_regions
from regions.models import Region, RegionLevel

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "iso"), [("EL", "GR"), ("UK", "GB"), ("TU", "TR"), ("se", "SE"), (" DE ", "DE")]
)
def test_to_iso_country_code(code, iso):
    assert to_iso_country_code(code) == iso


def test_country_name_unknown_code():
    with pytest.raises(LookupError, match="'XX' is not an ISO 3166-1 alpha-2"):
        country_name("XX")


@pytest.mark.parametrize(
    ("language_code", "code", "name"),
    [
        ("en", "ES", "Spain"),
        ("ca", "ES", "Espanya"),
        ("es", "ES", "España"),
        ("it", "ES", "Spagna"),
        ("sv", "ES", "Spanien"),
        ("el", "ES", "Ισπανία"),
        ("fr", "ES", "Espagne"),
        ("de", "ES", "Spanien"),
        ("ca", "GR", "Grècia"),
        ("el", "GR", "Ελλάδα"),
        ("de", "GR", "Griechenland"),
        ("el", "TR", "Τουρκία"),
        ("de", "TR", "Türkei"),
        ("ca", "MD", "Moldàvia"),
        ("sv", "GB", "Förenade kungariket"),
    ],
)
def test_localized_country_name(language_code, code, name):
    with translation.override(language_code):
        assert localized_country_name(code) == name


def test_localized_country_name_explicit_language():
    with translation.override("de"):
        assert localized_country_name("ES", "el") == "Ισπανία"


def test_localized_country_name_no_catalog():
    assert localized_country_name("ES", "tlh") == "Spain"


def test_localized_country_name_unknown_code():
    with translation.override("ca"), pytest.raises(LookupError, match="'XX' is not an ISO"):
        localized_country_name("XX")


def test_ensure_countries_stores_english_names():
    with translation.override("ca"):
        countries = ensure_countries(["ES", "EL"])

    assert countries["ES"].name == "Spain"
    assert countries["GR"].name == "Greece"


def test_ensure_countries_maps_exceptions():
    countries = ensure_countries(["TU", "UK", "EL", "SE"])

    assert sorted(countries) == ["GB", "GR", "SE", "TR"]
    assert countries["GR"].name == "Greece"
    assert countries["GB"].level == RegionLevel.COUNTRY
    assert Region.objects.count() == 4


def test_load_nuts_regions_builds_tree():
    load_nuts_regions(["EL", "ES"])

    north_aegean = Region.objects.get(code="EL41")
    assert north_aegean.country == "GR"
    assert north_aegean.level == RegionLevel.NUTS2
    assert north_aegean.parent.code == "EL4"
    assert north_aegean.parent.parent.code == "GR"
    assert Region.objects.get(code="ES51").name == "Cataluña"
    assert not Region.objects.filter(country="SE").exists()


def test_load_regions_command_is_idempotent():
    call_command("load_regions", "--countries", "SE")
    first = dict(Region.objects.values_list("code", "pk"))

    call_command("load_regions", "--countries", "SE")

    assert dict(Region.objects.values_list("code", "pk")) == first
    assert Region.objects.get(code="SE224").name.startswith("Skåne")


def test_loaded_regions_are_searchable_in_admin(admin_client):
    from django.urls import reverse

    load_nuts_regions(["SE"])

    response = admin_client.get(reverse("wagtailsnippets_regions_region:list"), {"q": "Skåne"})

    assert response.status_code == 200
    assert "SE224" in response.content.decode()
    assert "SE110" not in response.content.decode()
