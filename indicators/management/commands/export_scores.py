import csv
import io
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.models import Edition, Score
from regions.countries import to_iso_country_code
from regions.models import Region

EXPORT_FIELDS = ["edition", "region", "level", "code", "score", "answered", "total"]
SCORE_DECIMALS = 6


class Command(BaseCommand):
    help = (
        "Write the stored scores of an edition to standard output, one record per score: "
        "edition, region, level, code, score (unrounded), answered, total."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--edition", required=True, help="Edition slug, e.g. mipex-2019.")
        parser.add_argument("--region", help="Code of one region (ISO or NUTS), e.g. SE or ES51.")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, edition: str, region: str | None, format: str, **options) -> None:
        try:
            edition_obj = Edition.objects.get(slug=edition)
        except Edition.DoesNotExist as error:
            known = ", ".join(Edition.objects.values_list("slug", flat=True)) or "none"
            message = f'Edition "{edition}" not found (known editions: {known}).'
            raise CommandError(message) from error

        scores = Score.objects.filter(edition=edition_obj).select_related("region")
        if region is not None:
            scores = scores.filter(region=self._region(region, edition))

        # Within a region, scores were stored indicators first and the overall score last.
        records = [self._record(edition, score) for score in scores.order_by("region__code", "pk")]
        if format == "csv":
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(records)
            self.stdout.write(buffer.getvalue(), ending="")
        else:
            self.stdout.write(json.dumps(records, ensure_ascii=False, indent=1))

    @staticmethod
    def _region(code: str, edition: str) -> Region:
        """Return the region of a code as users write it: any case, EL/UK/TU for countries."""
        normalised = code.strip().upper()
        if len(normalised) == 2:
            normalised = to_iso_country_code(normalised)
        try:
            region = Region.objects.get(code=normalised)
        except Region.DoesNotExist as error:
            message = (
                f'Region "{code}" not found (allowed: an ISO 3166-1 alpha-2 country code such '
                "as SE, or a NUTS 2024 code such as ES51)."
            )
            raise CommandError(message) from error
        if not Score.objects.filter(edition__slug=edition, region=region).exists():
            raise CommandError(f'Region "{region.code}" has no scores in edition "{edition}".')
        return region

    @staticmethod
    def _record(edition: str, score: Score) -> dict:
        value = None if score.value is None else round(score.value, SCORE_DECIMALS)
        return {
            "edition": edition,
            "region": score.region.code,
            "level": score.level,
            "code": score.code,
            "score": value,
            "answered": score.answered,
            "total": score.total,
        }
