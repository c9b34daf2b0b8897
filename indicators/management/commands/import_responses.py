from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.importers.errors import ImportFailed
from indicators.importers.responses import import_responses


class Command(BaseCommand):
    help = (
        "Import questionnaire answers from a CSV or XLSX file with the columns edition, region, "
        "role, indicator, answer, and optionally source and comment (see docs/formats.md). "
        "Nothing is written if any row is invalid. Importing a file again updates its answers."
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
            result = import_responses(file, dry_run=dry_run, progress=self._report_progress)
        except ImportFailed as error:
            raise CommandError(f"Nothing was imported.\n{error}") from error
        self.stdout.write(result.summary())

    def _report_progress(self, step: str, done: int, total: int) -> None:
        self.stderr.write(f"{step} {done}/{total} rows")
