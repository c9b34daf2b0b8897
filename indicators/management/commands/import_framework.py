from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.importers.errors import ImportFailed
from indicators.importers.framework import import_framework


class Command(BaseCommand):
    help = (
        "Create or update indicator frameworks from a CSV or XLSX file with one row per answer "
        "option (see docs/formats.md). Nothing is written if any row is invalid, and nothing "
        "missing from the file is deleted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path of the CSV or XLSX file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and count what would change, without writing anything.",
        )

    def handle(self, *args, file: str, dry_run: bool, **options) -> None:
        try:
            result = import_framework(file, dry_run=dry_run)
        except ImportFailed as error:
            raise CommandError(f"Nothing was imported.\n{error}") from error
        self.stdout.write(result.summary())
