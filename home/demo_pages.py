"""Build the demo site's pages: home, region index, profiles, two policy areas, methodology.

Profiles are created with `regions.profiles.create_profile`, the function behind the admin's
"add profile" screen and `create_profiles`. Every page is looked up before it is created,
so running the demo loader again adds no duplicates and keeps editors' changes.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Page, Site

from indicators.bands import SCORE_BANDS
from indicators.demo.content import AREAS
from indicators.models import Edition, PolicyArea
from regions.models import PolicyAreaPage, RegionIndexPage, RegionProfilePage
from regions.profiles import create_missing_profiles, latest_national_edition

from .models import HomePage, StandardPage

logger = logging.getLogger(__name__)

HOME_TITLE = "MIPEX-REG"
HOME_INTRO = (
    "<p>MIPEX-REG measures the integration policies of European regions with the method of "
    "the Migrant Integration Policy Index (MIPEX). Regional experts answer a questionnaire, "
    "peer reviewers check the answers, and every final answer is scored from 0 to 100.</p>"
    "<p>The regions, scores and answers on this demo site are invented for the demo.</p>"
)
INDEX_SLUG = "regions"
INDEX_INTRO = (
    "<p>Every published region profile of the edition. Scores run from 0 to 100; a higher "
    "score means policies that do more for the integration of migrants.</p>"
)
# Policy areas that get a page of their own in the demo, by code.
DEMO_AREA_CODES = ("lm", "ed")
METHODOLOGY_SLUG = "methodology"


@dataclass(frozen=True)
class DemoPages:
    home: HomePage
    index: RegionIndexPage
    profiles_created: int


def _publish(page: Page) -> None:
    page.save_revision(log_action=True).publish()


def _home_page() -> HomePage:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise LookupError(
            f'The default site\'s root page "{home}" is a {type(home).__name__}, not a HomePage. '
            "Point the default site at the home page and run load_demo again."
        )
    if not home.intro:
        home.title = HOME_TITLE
        home.intro = HOME_INTRO
        _publish(home)
    return home


def _index_page(home: HomePage, edition: Edition) -> RegionIndexPage:
    index_page = RegionIndexPage.objects.child_of(home).filter(edition=edition).first()
    if index_page is None:
        index_page = RegionIndexPage(
            title=f"Regions in {edition.title}",
            slug=INDEX_SLUG,
            edition=edition,
            intro=INDEX_INTRO,
            show_in_menus=True,
        )
        home.add_child(instance=index_page)
        _publish(index_page)
    return index_page


def _area_pages(index_page: RegionIndexPage) -> None:
    edition = index_page.edition
    national = latest_national_edition(edition)
    descriptions = {area.code: area.description for area in AREAS}
    areas = PolicyArea.objects.source().filter(
        framework_id=edition.framework_id, code__in=DEMO_AREA_CODES
    )
    for area in areas:
        description = area.description or descriptions.get(area.code, "")
        slug = f"area-{area.code}"
        if PolicyAreaPage.objects.child_of(index_page).filter(slug=slug).exists():
            continue
        page = PolicyAreaPage(
            title=area.name,
            slug=slug,
            edition=edition,
            area=area,
            national_edition=national,
            commentary=f"<p>{escape(description)}</p>" if description else "",
        )
        index_page.add_child(instance=page)
        _publish(page)


def _band_rows() -> str:
    return "".join(
        f"<li>{band.minimum} to {band.maximum}: {band.label}</li>"
        if band.minimum != band.maximum
        else f"<li>{band.minimum}: {band.label}</li>"
        for band in SCORE_BANDS
    )


def methodology_body() -> list[tuple[str, str]]:
    """Return the methodology page's body, with the bands read from `indicators.bands`."""
    return [
        (
            "rich_text",
            "<h2>From answers to scores</h2>"
            "<p>Each indicator is a question with answer options scored 100, 50 or 0. A "
            "dimension scores the mean of its indicators, a policy area the mean of its "
            "dimensions, and the overall score is the unweighted mean of the policy areas. "
            "Indicators marked not applicable are left out of every mean.</p>"
            "<h2>Coverage</h2>"
            "<p>A score is shown with its coverage, the number of indicators answered out of "
            "those that apply, whenever some indicators are still unanswered.</p>"
            "<h2>Bands</h2>"
            f"<p>Scores are rounded to whole numbers for display and read in bands:</p>"
            f"<ul>{_band_rows()}</ul>"
            "<h2>Comparisons</h2>"
            "<p>Regional policy areas are compared with the comparable policy area of the "
            "national MIPEX. The two frameworks ask different questions, so a difference "
            "between a region and its country is a pointer, not a measurement.</p>",
        )
    ]


def _methodology_page(home: HomePage) -> None:
    if StandardPage.objects.child_of(home).filter(slug=METHODOLOGY_SLUG).exists():
        return
    page = StandardPage(
        title="Methodology",
        slug=METHODOLOGY_SLUG,
        intro="<p>How MIPEX-REG turns questionnaire answers into scores.</p>",
        body=methodology_body(),
        show_in_menus=True,
    )
    home.add_child(instance=page)
    _publish(page)


def _link_national_edition(index_page: RegionIndexPage) -> int:
    """Give demo pages made before the national workbook was imported its latest edition.

    Pages whose comparison names no national edition get the one that new pages would get,
    in a new published revision. Returns the number of pages changed.
    """
    national = latest_national_edition(index_page.edition)
    if national is None:
        return 0

    changed = 0
    for page in RegionProfilePage.objects.child_of(index_page).filter(locale=index_page.locale):
        comparisons = [block for block in page.body if block.block_type == "comparison"]
        empty = [block for block in comparisons if block.value["national_edition"] is None]
        for block in empty:
            block.value["national_edition"] = national
        if empty:
            _publish(page)
            changed += 1
    area_pages = PolicyAreaPage.objects.child_of(index_page).filter(locale=index_page.locale)
    for page in area_pages.filter(national_edition=None):
        page.national_edition = national
        _publish(page)
        changed += 1
    return changed


@transaction.atomic
def load_demo_pages(edition: Edition) -> DemoPages:
    """Create the demo pages of `edition` that do not exist yet, and publish them."""
    home = _home_page()
    index_page = _index_page(home, edition)
    profiles = create_missing_profiles(index_page, publish=True)
    _area_pages(index_page)
    _link_national_edition(index_page)
    _methodology_page(home)
    logger.info(
        "Loaded the demo pages",
        extra={"edition": edition.slug, "profiles_created": len(profiles)},
    )
    return DemoPages(home, index_page, len(profiles))
