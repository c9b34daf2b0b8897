"""Builders for the published side: a home page, a region index and profiles."""

from wagtail.models import Page, Site

from home.models import HomePage
from indicators.models import Edition
from regions.models import Region, RegionIndexPage
from regions.profiles import create_profile


def home_page() -> HomePage:
    """Return the site's home page, which the migrations create."""
    return Site.objects.get(is_default_site=True).root_page.specific


def make_index_page(edition: Edition, *, slug: str | None = None) -> RegionIndexPage:
    index_page = RegionIndexPage(
        title=f"Regions in {edition.title}", slug=slug or f"regions-{edition.slug}", edition=edition
    )
    home_page().add_child(instance=index_page)
    index_page.save_revision().publish()
    return index_page


def make_profile(index_page: RegionIndexPage, region: Region, *, publish: bool = True) -> Page:
    return create_profile(index_page, region, publish=publish)
