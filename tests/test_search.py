"""The public search: live, public pages in the URL's language only."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from home.translations import translate_page
from regions.profiles import create_profile
from tests.factories import make_edition, make_framework, make_region
from tests.page_factories import make_index_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("publish_without_commit")]


@pytest.fixture
def index_page():
    return make_index_page(make_edition(make_framework({"x": {"x1": ["i1"]}})))


def titles(client, language_code: str, query: str) -> list[str]:
    response = client.get(f"/{language_code}/search/", {"query": query})
    assert response.status_code == 200
    return [str(page) for page in response.context["search_results"]]


def test_search_active_language_pages(client, index_page):
    catalonia = create_profile(index_page, make_region("ES51"), publish=True)
    translate_page(catalonia, Locale.objects.get(language_code="ca"), {"Cataluña": "Catalunya"})

    assert titles(client, "en", "Cataluña") == ["Cataluña"]
    assert titles(client, "ca", "Catalunya") == ["Catalunya"]
    # The profile indexes its region's name, so both languages' pages match it: each
    # language's search lists its own.
    assert titles(client, "ca", "Cataluña") == ["Catalunya"]
    assert titles(client, "en", "Catalunya") == []


def test_search_skips_draft_and_restricted(client, index_page):
    create_profile(index_page, make_region("ES61", name="Andalucía"), publish=False)
    tuscany = create_profile(
        index_page, make_region("ITI1", name="Toscana", country="IT"), publish=True
    )
    PageViewRestriction.objects.create(
        page=tuscany, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    assert titles(client, "en", "Andalucía") == []
    assert titles(client, "en", "Toscana") == []


def test_search_without_query_shows_no_results(client, index_page):
    assert titles(client, "en", "") == []
