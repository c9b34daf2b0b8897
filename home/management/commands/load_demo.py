from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from home.demo_pages import load_demo_pages
from home.demo_translations import load_demo_translations
from home.site_address import set_default_site_address
from indicators.demo.content import DEMO_REGIONS
from indicators.demo.loader import load_demo_data
from questionnaires.demo import load_demo_review


class Command(BaseCommand):
    help = (
        "Load the demo: NUTS regions, the demo framework, a published demo edition and "
        "synthetic expert, peer-review and final answers for the nine pilot regions, and the "
        "demo site's pages: home, region index, profiles, two policy areas, methodology, and "
        "the review: demo users, one assignment per region (one still in peer review) and the "
        "Profile review workflow, and Catalan and Greek translations of the home page, the "
        "region index and four profiles. It points the default site at WAGTAILADMIN_BASE_URL. "
        "Safe to run again: it updates what it loaded before."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--mipex-workbook",
            type=Path,
            help="Also import this MIPEX national workbook (XLSX) for national comparisons.",
        )

    def handle(self, *args, mipex_workbook: Path | None, **options) -> None:
        # The national framework must exist before the demo framework links its areas to it.
        if mipex_workbook:
            call_command("import_mipex_workbook", str(mipex_workbook))
        summary = load_demo_data()
        self.stderr.write(
            f"Demo loaded: framework {summary.framework.slug}, edition {summary.edition.slug}, "
            f"{summary.answers} answers."
        )
        site = set_default_site_address()
        self.stderr.write(f"Default site: {site.root_url}")
        pages = load_demo_pages(summary.edition)
        self.stderr.write(
            f"Demo pages loaded: {pages.profiles_created} new profiles under {pages.index.url}."
        )
        review = load_demo_review(summary.edition, DEMO_REGIONS, pages=[pages.index])
        self.stderr.write(
            f"Demo review loaded: {review.assignments_created} new assignments; "
            f"{review.in_peer_review} is in peer review."
        )
        translations = load_demo_translations(pages.index)
        self.stderr.write(
            f"Demo translations loaded: {translations.pages_translated} pages and "
            f"{translations.snippets_translated} policy areas, dimensions and indicators "
            "in Catalan and Greek."
        )
