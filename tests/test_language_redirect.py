"""A URL in a language the page is not translated into redirects to the page's language."""

import pytest

from regions.profiles import create_profile
from tests.factories import make_edition, make_framework, make_region
from tests.page_factories import make_index_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile():
    index_page = make_index_page(make_edition(make_framework({"x": {"x1": ["i1"]}})))
    return create_profile(index_page, make_region("ES51"), publish=True)


@pytest.mark.parametrize("language_code", ["de", "es", "fr"])
def test_untranslated_language_redirects_to_english(client, profile, language_code):
    english_url = profile.url
    response = client.get(english_url.replace("/en/", f"/{language_code}/", 1))

    assert response.status_code == 302
    assert response.url == english_url


def test_page_language_served(client, profile):
    response = client.get(profile.url)

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
