from django.conf import settings
from django.core.management.base import BaseCommand

from home.services import site_address_set


class Command(BaseCommand):
    help = (
        "Set the default Wagtail Site's hostname and port from SITE_URL (or --url): "
        "the address every absolute URL of the site names."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", help="default: the SITE_URL setting")

    def handle(self, *args, url: str | None, **options) -> None:
        site = site_address_set(url=url or settings.SITE_URL)
        self.stdout.write(f"Site address: {site.root_url}")
