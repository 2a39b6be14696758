from django.core.management.base import BaseCommand

from commitments.services import campaign_cycle_ensure, commitment_samples_load


class Command(BaseCommand):
    help = (
        "Create the 2018 campaign cycle if it is missing and, on request, example "
        "commitments for the trial install. Run after load_municipalities and "
        "load_campaign. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--samples",
            action="store_true",
            help="Also load example commitments, marked as such (the trial install only).",
        )

    def handle(self, *args, samples: bool = False, **options):
        cycle = campaign_cycle_ensure()
        self.stdout.write(f"Campaign cycle: {cycle.election_year}.")
        if samples:
            count = commitment_samples_load()
            self.stdout.write(f"Example commitments: {count} (marked as examples on the site).")
