from django.core.management.base import BaseCommand

from home.campaign import campaign_load


class Command(BaseCommand):
    help = "Load the campaign content (idempotent: existing pages are kept as they are)."

    def handle(self, *args, **options) -> None:
        home = campaign_load()
        pages = home.get_descendants(inclusive=True).count()
        self.stdout.write(
            self.style.SUCCESS(f"Campaign loaded: {pages} pages under '{home.title}'.")
        )
