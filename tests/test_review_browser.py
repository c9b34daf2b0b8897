"""The review method in headless Chromium: an expert fills a policy area, a coordinator resolves.

Uses the `browser` fixture of tests/test_browser.py, which drives Debian's Chromium.
"""

import pytest

from questionnaires import services
from questionnaires.models import AssignmentState
from questionnaires.testing import TEST_PASSWORD, advance, indicator, make_team
from tests.factories import make_edition, make_framework, make_region
from tests.test_browser import CHROMIUM, browser  # noqa: F401 (the fixture is used by name)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LAYOUT = {"LM": {"LM1": ["i1", "i2"]}, "ED": {"ED1": ["i3"]}}


@pytest.fixture
def team(live_server):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` to install Chromium.")
    return make_team()


@pytest.fixture
def edition():
    return make_edition(make_framework(LAYOUT))


@pytest.fixture
def draft(team, edition) -> dict:
    """An assignment in draft, with the ids the expert's form uses."""
    assignment = services.assign(
        team.coordinator, edition, make_region(), team.expert, team.peer_reviewer
    )
    i1, i2 = indicator(edition, "i1"), indicator(edition, "i2")
    return {
        "assignment": assignment.pk,
        "i1": i1.pk,
        "i1_b": i1.options.get(code="b").pk,
        "i2": i2.pk,
    }


@pytest.fixture
def disagreement(team, edition) -> dict:
    """An assignment whose peer reviewer proposes "b" for i2, against the expert's "a"."""
    assignment = advance(
        team, edition, make_region(), AssignmentState.REVIEWED, disagree_on=("i2",)
    )
    return {
        "assignment": assignment.pk,
        "i2_b": indicator(edition, "i2").options.get(code="b").pk,
    }


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")


# The ORM cannot be used while Playwright's event loop runs, so the fixtures above prepare the
# data before the `browser` fixture starts, and the tests check the outcome on the pages.


def test_expert_fills_policy_area(live_server, draft, browser):  # noqa: F811
    base_url = live_server.url
    page = browser.new_page()

    log_in(page, base_url, "expert")
    page.goto(f"{base_url}/admin/questionnaires/{draft['assignment']}/areas/LM/")
    page.check(f"input[name='answer-{draft['i1']}'][value='{draft['i1_b']}']")
    page.fill(f"#source-{draft['i1']}", "Regional law 7/2022, art. 4")
    page.check(f"input[name='answer-{draft['i2']}'][value='n/a']")
    page.click("text=Save draft")

    page.wait_for_selector("text=Draft saved: 2 answers changed.")
    progress = page.inner_text("table")
    assert "2 of 2" in progress
    assert "2 of 3" in progress
    assert page.input_value(f"#source-{draft['i1']}") == "Regional law 7/2022, art. 4"
    page.close()


def test_coordinator_resolves_disagreement(live_server, disagreement, browser):  # noqa: F811
    base_url = live_server.url
    page = browser.new_page()

    log_in(page, base_url, "coordinator")
    page.goto(f"{base_url}/admin/questionnaires/{disagreement['assignment']}/resolution/")
    section = page.locator("#indicator-i2")
    assert "The 2024 amendment changes i2." in section.inner_text()
    section.locator("select[name=final]").select_option(str(disagreement["i2_b"]))
    section.locator("textarea[name=rationale]").fill("The amendment applies from 2024.")
    section.locator("button[name=resolve]").click()

    page.wait_for_selector('text=Indicator "i2" resolved.')
    page.goto(f"{base_url}/admin/questionnaires/{disagreement['assignment']}/")
    assert page.inner_text("[data-testid=state]") == "Resolved"
    page.close()
