from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from indicators.models import Edition
from publications.publication import build_publication, publication_file_name


class Command(BaseCommand):
    help = "Build one PDF of every published profile of an edition in one language."

    def add_arguments(self, parser):
        parser.add_argument("--edition", required=True, help="Slug of the edition.")
        parser.add_argument("--locale", required=True, help="Language code, such as en or el.")
        parser.add_argument(
            "--output",
            type=Path,
            help="File to write; default <edition>-<language>.pdf in the current directory.",
        )

    def handle(self, *args, edition, locale, output, **options):
        try:
            edition_obj = Edition.objects.get(slug=edition)
        except Edition.DoesNotExist:
            slugs = ", ".join(Edition.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f'Edition "{edition}" not found (editions: {slugs}).') from None
        try:
            locale_obj = Locale.objects.get(language_code=locale)
        except Locale.DoesNotExist:
            codes = ", ".join(Locale.objects.values_list("language_code", flat=True))
            raise CommandError(f'Locale "{locale}" not found (locales: {codes}).') from None

        content = build_publication(edition_obj, locale_obj)
        path = output or Path(publication_file_name(edition_obj, locale_obj))
        path.write_bytes(content)
        self.stdout.write(f"Wrote {path} ({len(content)} bytes).")
