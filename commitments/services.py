"""Writes for the commitments: commitments and their change log, the
corrections the public proposes, the example data of the trial install."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from coalitions.models import OutboxEmail
from coalitions.services.outbox import admin_url, coordinator_email, outbox_email_create
from municipalities.models import Municipality
from ops.services import page_cache_clear
from recommendations.models import RecommendationPage

from .models import (
    CampaignCycle,
    Commitment,
    CommitmentChange,
    CommitmentStatus,
    CorrectionProposal,
    MunicipalityIndexPage,
)
from .selectors import ImportPlan

# The fields a logged change copies from the commitment.
LOGGED_FIELDS = ["status", "decided_on", "source_url", "source_document_id", "note"]


def campaign_cycle_ensure(*, election_year: int = 2018) -> CampaignCycle:
    """The campaign's first cycle, current when no other cycle is."""
    cycle, _created = CampaignCycle.objects.get_or_create(
        election_year=election_year,
        defaults={"is_current": not CampaignCycle.objects.filter(is_current=True).exists()},
    )
    return cycle


def commitment_check(*, commitment: Commitment) -> None:
    """A status other than "no information" is only published with a source
    and a date: raises ValidationError naming the missing fields."""
    if commitment.status == CommitmentStatus.NO_INFORMATION:
        return
    errors = {}
    if commitment.decided_on is None:
        errors["decided_on"] = _("Give the date of this status.")
    if not commitment.source_url and not commitment.source_document_id:
        errors["source_url"] = _("Give a source: a web address or a document.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def commitment_record(*, commitment: Commitment) -> Commitment:
    """Save a commitment as an editor or the loader left it, and log the
    change when what it publicly says differs from the last logged state."""
    commitment_check(commitment=commitment)
    commitment.save()
    last = commitment.changes.order_by("-changed_at", "-pk").first()
    if last is None or any(
        getattr(last, name) != getattr(commitment, name) for name in LOGGED_FIELDS
    ):
        CommitmentChange.objects.create(
            commitment=commitment, **{name: getattr(commitment, name) for name in LOGGED_FIELDS}
        )
        # The overview, the town's page, the recommendation's page and the
        # open data all show it; ops' page cache is cleared as a whole.
        transaction.on_commit(page_cache_clear)
    return commitment


def commitment_set(
    *,
    municipality: Municipality,
    recommendation: RecommendationPage,
    cycle: CampaignCycle,
    status: str,
    decided_on: datetime.date | None = None,
    source_url: str = "",
    note: str = "",
    is_sample: bool = False,
) -> Commitment:
    commitment = Commitment.objects.filter(
        municipality=municipality, recommendation=recommendation, cycle=cycle
    ).first() or Commitment(municipality=municipality, recommendation=recommendation, cycle=cycle)
    commitment.status = status
    commitment.decided_on = decided_on
    commitment.source_url = source_url
    commitment.note = note
    commitment.is_sample = is_sample
    return commitment_record(commitment=commitment)


SAMPLE_SOURCE = "https://www.example.org/voorbeeld"


def commitment_samples_load(*, municipalities: int = 40) -> int:
    """Example commitments for the trial install, so that its pages are not
    empty: every one is flagged `is_sample` and the pages say so. Only for
    `make run`; loading them again changes nothing. Returns how many exist."""
    cycle = CampaignCycle.objects.filter(is_current=True).first() or campaign_cycle_ensure()
    recommendations = list(
        RecommendationPage.objects.filter(locale__language_code="nl").order_by("number")
    )
    statuses = [s for s in CommitmentStatus.values if s != CommitmentStatus.NO_INFORMATION]
    towns = Municipality.objects.filter(is_current=True).order_by("nis_code")[:municipalities]
    existing = set(
        Commitment.objects.filter(cycle=cycle, is_sample=True).values_list(
            "municipality_id", "recommendation_id"
        )
    )
    for t, town in enumerate(towns):
        # A spread that differs per town and is the same on every run.
        for r, recommendation in enumerate(recommendations[: t % len(recommendations) + 1]):
            if (town.pk, recommendation.pk) in existing:
                continue
            commitment_set(
                municipality=town,
                recommendation=recommendation,
                cycle=cycle,
                status=statuses[(t + r) % len(statuses)],
                decided_on=datetime.date(2019, 1 + (t + r) % 12, 1),
                source_url=SAMPLE_SOURCE,
                note=str(_("Example for the trial install, not a real decision.")),
                is_sample=True,
            )
    return Commitment.objects.filter(cycle=cycle, is_sample=True).count()


def correction_submit(
    *,
    page: MunicipalityIndexPage,
    municipality: Municipality,
    recommendation: int,
    proposed_status: str,
    source_url: str,
    message: str,
    email: str,
    language: str,
) -> CorrectionProposal:
    """File a proposed correction (to the Dutch source recommendation with
    the pk `recommendation`) in the editors' queue, and tell the coordinator
    through the outbox (replies go to the proposer, if they left an address)."""
    with transaction.atomic():
        proposal = CorrectionProposal.objects.create(
            municipality=municipality,
            recommendation_id=recommendation,
            proposed_status=proposed_status,
            source_url=source_url,
            message=message,
            email=email,
            language=language,
        )
        outbox_email_create(
            kind=OutboxEmail.Kind.CORRECTION_COORDINATOR,
            template="commitments/emails/correction_coordinator",
            recipient=coordinator_email(page=page),
            reply_to=email,
            language=settings.LANGUAGE_CODE,
            context={
                "proposal": proposal,
                "admin_url": admin_url(
                    "wagtailsnippets_commitments_correctionproposal:inspect", proposal.pk
                ),
            },
            owner=proposal,
        )
    return proposal


@transaction.atomic
def commitments_import(*, plan: ImportPlan) -> int:
    """Record the changes of an import plan that has no errors, each logged
    like an editor's; returns how many were recorded."""
    if plan.errors:
        raise ValueError("An import plan with errors is not applied.")
    for row in plan.changes:
        planned = row.commitment
        commitment_set(
            municipality=planned.municipality,
            recommendation=planned.recommendation,
            cycle=planned.cycle,
            status=planned.status,
            decided_on=planned.decided_on,
            source_url=planned.source_url,
            note=planned.note,
        )
    return len(plan.changes)
