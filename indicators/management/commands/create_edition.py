from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.text import slugify

from indicators.models import Edition, EditionStatus, Framework


class Command(BaseCommand):
    help = (
        "Create an edition (one round of data collection) of a framework, so that "
        "questionnaire responses can be imported into it. New editions are drafts unless "
        "--published is given: the scores of a draft edition are shown only in previews."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--framework", required=True, help="Slug of the framework.")
        parser.add_argument("--year", required=True, type=int, help="Year of the data, e.g. 2025.")
        parser.add_argument("--slug", help="Slug of the edition; default: <framework>-<year>.")
        parser.add_argument(
            "--title", help="Title of the edition; default: <framework name> <year>."
        )
        parser.add_argument("--published", action="store_true", help="Publish the edition now.")

    def handle(self, *args, framework: str, year: int, slug, title, published, **options) -> None:
        try:
            framework_obj = Framework.objects.get(slug=framework)
        except Framework.DoesNotExist as error:
            known = ", ".join(Framework.objects.values_list("slug", flat=True)) or "none"
            message = f'Framework "{framework}" not found (known frameworks: {known}).'
            raise CommandError(message) from error

        slug = slug or slugify(f"{framework_obj.slug}-{year}")
        if Edition.objects.filter(slug=slug).exists():
            raise CommandError(f'Edition "{slug}" already exists; choose another --slug.')

        edition = Edition.objects.create(
            framework=framework_obj,
            slug=slug,
            year=year,
            title=title or f"{framework_obj.name} {year}",
            status=EditionStatus.PUBLISHED if published else EditionStatus.DRAFT,
        )
        self.stdout.write(f"Created {edition.get_status_display().lower()} edition {edition.slug}.")
