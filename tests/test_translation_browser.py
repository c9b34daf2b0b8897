"""The demo's Greek profile in headless Chromium: translated text, same scores, a screenshot.

Needs Debian's chromium and axe-core, like tests/test_browser.py; `make browser` installs both.
"""

import pytest

from home.demo_pages import load_demo_pages
from home.demo_translations import load_demo_translations
from indicators.demo.loader import EDITION_SLUG, load_demo_data
from regions.models import RegionProfilePage
from tests.test_browser import (  # noqa: F401 (fixture)
    AXE_SCRIPT,
    CHROMIUM,
    SCREENSHOT_DIR,
    VIEWPORT,
    browser,
    serious_violations,
)

# The live server reads committed data, so these tests commit; see tests/test_browser.py.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def greek_profile(live_server) -> tuple[str, str]:
    """Load the demo with its translations; return the URLs of EL41's Greek and English profiles."""
    for path in (CHROMIUM, AXE_SCRIPT):
        if not path.exists():
            pytest.fail(f"{path} is missing: run `make browser` to install Chromium and axe-core.")
    pages = load_demo_pages(load_demo_data().edition)
    load_demo_translations(pages.index)
    profiles = RegionProfilePage.objects.live().filter(region__code="EL41")
    english = profiles.get(locale__language_code="en")
    greek = profiles.get(locale__language_code="el")
    return live_server.url + greek.url, live_server.url + english.url


def shown_scores(page) -> dict[str, str]:
    pairs = page.eval_on_selector_all(
        "[data-score]", "nodes => nodes.map(node => [node.dataset.score, node.textContent])"
    )
    return {ref: text for ref, text in pairs if ref.startswith(EDITION_SLUG + "/")}


def test_greek_profile_in_chromium(greek_profile, browser):  # noqa: F811 (fixture)
    greek_url, english_url = greek_profile
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport=VIEWPORT)

    page.goto(english_url)
    english_scores = shown_scores(page)
    response = page.goto(greek_url)

    assert response.status == 200
    assert page.locator("h1").first.inner_text() == "Βόρειο Αιγαίο"
    assert page.get_by_text("Σύνοψη βαθμολογιών").count() >= 1
    assert page.locator("html").get_attribute("lang") == "el"
    assert shown_scores(page) == english_scores
    assert len(english_scores) > 50
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOT_DIR / "profile-el.png"))

    page.get_by_role("link", name="English").click()
    assert page.url == english_url
