"""The demo site in headless Chromium: shown scores, accessibility, and README screenshots.

Needs Debian's chromium at /usr/bin/chromium and axe-core in .cache/axe; `make browser`
installs both. Playwright drives the system Chromium, because its own browser download
is not available in this project's environments.
"""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from home.demo_pages import load_demo_pages
from indicators.bands import round_score
from indicators.demo.loader import EDITION_SLUG, load_demo_data

# The live server reads committed data, so these tests commit. The flush after each test
# removes the home page and site that migrations create, and serialized_rollback restores them.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REPO_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE_SCRIPT = REPO_DIR / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = REPO_DIR / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def demo_site(live_server):
    """Load the demo with its pages; return the base URL and the pages to open."""
    for path in (CHROMIUM, AXE_SCRIPT):
        if not path.exists():
            pytest.fail(f"{path} is missing: run `make browser` to install Chromium and axe-core.")
    summary = load_demo_data()
    pages = load_demo_pages(summary.edition)
    profile = pages.index.get_children().live().get(slug__startswith="es51").specific
    area = pages.index.get_children().live().get(slug="area-lm").specific
    return {
        "home": live_server.url + pages.home.url,
        "region-index": live_server.url + pages.index.url,
        "profile": live_server.url + profile.url,
        "policy-area": live_server.url + area.url,
    }


@pytest.fixture
def exported_scores(demo_site) -> dict[str, int]:
    """Return {edition/region/level/code: rounded score} from export_scores."""
    output = io.StringIO()
    call_command("export_scores", "--edition", EDITION_SLUG, stdout=output)
    return {
        f"{record['edition']}/{record['region']}/{record['level']}/{record['code']}": (
            round_score(record["score"])
        )
        for record in json.loads(output.getvalue())
        if record["score"] is not None
    }


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("async () => await axe.run(document)")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def test_demo_pages_show_exported_scores(demo_site, exported_scores, browser):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport=VIEWPORT)
    checked = {}

    for name, url in demo_site.items():
        response = page.goto(url)
        assert response.status == 200, url
        shown = page.eval_on_selector_all(
            "[data-score]", "nodes => nodes.map(node => [node.dataset.score, node.textContent])"
        )
        demo_scores = [(ref, text) for ref, text in shown if ref.startswith(EDITION_SLUG + "/")]
        for ref, text in demo_scores:
            assert int(text) == exported_scores[ref], f"{name}: {ref} shows {text}"
        checked[name] = len(demo_scores)
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"))

    assert checked["home"] == 0
    assert checked["region-index"] == 9
    assert checked["profile"] > 100
    assert checked["policy-area"] > 9

    page.goto(demo_site["region-index"])
    page.get_by_role("link", name="Region", exact=True).click()
    names = page.locator("table.ranking tbody th a").all_text_contents()
    assert names == sorted(names, key=str.casefold)
    assert page.locator("th[aria-sort='ascending']").inner_text() == "Region"


def test_demo_pages_pass_axe(demo_site, browser):
    page = browser.new_page(viewport=VIEWPORT)
    found = {}

    for name, url in demo_site.items():
        page.goto(url)
        found[name] = serious_violations(page)

    assert found == {name: [] for name in demo_site}
