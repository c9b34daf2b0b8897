from django.core.management.base import BaseCommand, CommandParser

from home.translations import sync_all_translations


class Command(BaseCommand):
    help = (
        "Update every wagtail-localize translation from its source page or snippet, as the "
        'admin\'s "Sync translated pages" does: changed source text becomes untranslated '
        "segments and synchronised fields (region, edition, policy areas) are copied again. "
        "Translated pages are saved as drafts unless --publish is given; translated snippets "
        "(policy areas, dimensions, indicators) have no drafts and are saved live."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--publish", action="store_true", help="Publish the updated translated pages."
        )

    def handle(self, *args, publish: bool, **options) -> None:
        saved = sync_all_translations(publish=publish)
        if publish:
            self.stdout.write(f"Synced and published {saved} translations.")
        else:
            self.stdout.write(
                f"Synced {saved} translations: pages saved as drafts, snippets saved live "
                "because they have no drafts."
            )
