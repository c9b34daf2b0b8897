from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.importers.mipex_workbook import WorkbookError, import_workbook


def parse_years(text: str) -> list[int]:
    """Return the years of a comma-separated list such as "2019,2014"."""
    years = []
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit():
            raise CommandError(
                f'--years: "{part}" is not a year. Give years separated by commas, '
                "such as --years 2019,2014."
            )
        years.append(int(part))
    return years


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


class Command(BaseCommand):
    help = (
        "Import the MIPEX national workbook (one sheet per country): the national framework, "
        "one edition per year (mipex-<year>), the countries, and their final answers with "
        "scores and comments. Importing again updates the same rows."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path of the workbook (.xlsx).")
        parser.add_argument(
            "--years",
            default="",
            help="Comma-separated years to import, such as 2019,2014; default: every year.",
        )

    def handle(self, *args, file: str, years: str, verbosity: int, **options) -> None:
        requested_years = parse_years(years) if years.strip() else None

        def progress(message: str) -> None:
            if verbosity >= 1:
                self.stderr.write(message)

        try:
            summary = import_workbook(file, requested_years, progress)
        except WorkbookError as error:
            raise CommandError(f"{error} Nothing was imported.") from error

        for warning in summary.warnings:
            self.stderr.write(f"Warning: {warning}")
        self.stdout.write(
            f"Imported {summary.file}: {_count(summary.countries, 'country', 'countries')}, "
            f"{_count(len(summary.editions), 'edition', 'editions')} "
            f"({', '.join(summary.editions)}), "
            f"{_count(summary.indicators, 'indicator', 'indicators')}; answers: "
            f"{summary.answers_created} created, {summary.answers_updated} updated, "
            f"{summary.answers_deleted} deleted; {summary.scores} scores computed."
        )
