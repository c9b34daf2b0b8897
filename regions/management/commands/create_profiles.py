from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.models import Edition
from regions.models import RegionIndexPage
from regions.profiles import create_missing_profiles, regions_without_profile


class Command(BaseCommand):
    help = (
        "Create a draft profile, with a pre-filled body, for every region that has final "
        "answers in an edition and no profile of it yet. Profiles go under the edition's "
        "region index page."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--edition", required=True, help="Edition slug, e.g. mipex-reg-2025.")
        parser.add_argument(
            "--parent",
            type=int,
            help="Page id of the region index page to create the profiles under; needed only "
            "when the edition has more than one.",
        )

    def handle(self, *args, edition: str, parent: int | None, **options) -> None:
        try:
            edition_obj = Edition.objects.get(slug=edition)
        except Edition.DoesNotExist as error:
            known = ", ".join(Edition.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(
                f'Edition "{edition}" not found (known editions: {known}).'
            ) from error

        index_page = self._index_page(edition_obj, parent)
        missing = list(regions_without_profile(edition_obj).values_list("code", flat=True))
        if not missing:
            self.stdout.write(f"Every region with final answers in {edition} has a profile.")
            return

        pages = create_missing_profiles(index_page)
        for page in pages:
            self.stdout.write(f"Created draft profile {page.region.code} (page {page.pk})")
        self.stdout.write(f"Created {len(pages)} draft profiles under page {index_page.pk}.")

    @staticmethod
    def _index_page(edition: Edition, parent: int | None) -> RegionIndexPage:
        pages = RegionIndexPage.objects.filter(edition=edition)
        if parent is not None:
            pages = pages.filter(pk=parent)
        pages = list(pages)
        if not pages:
            where = f"with page id {parent} " if parent is not None else ""
            raise CommandError(
                f'No region index page {where}lists edition "{edition.slug}". Create one in '
                "the admin under the home page, choose the edition, then run this again."
            )
        if len(pages) > 1:
            ids = ", ".join(str(page.pk) for page in pages)
            raise CommandError(
                f'Edition "{edition.slug}" has several region index pages (ids {ids}); pass '
                "--parent with one of them."
            )
        return pages[0]
