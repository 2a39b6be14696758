"""Writes for the commitments: commitments and their change log, the
corrections the public proposes, the example data of the trial install."""

import datetime
from dataclasses import dataclass, field
from functools import partial
from weakref import WeakKeyDictionary

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from coalitions.models import OutboxEmail
from coalitions.services.outbox import admin_url, coordinator_email, outbox_email_create
from municipalities.models import Municipality
from ops.services import page_cache_paths_expire
from recommendations.models import RecommendationPage

from .models import (
    CampaignCycle,
    Commitment,
    CommitmentChange,
    CommitmentStatus,
    CorrectionProposal,
    MunicipalityIndexPage,
)
from .selectors import ImportPlan, commitment_paths_shown

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


# What else a page shows of a commitment: the example notice, and where it is
# shown (an editor may move a commitment to another town, recommendation or cycle).
SHOWN_FIELDS = ["is_sample", "municipality_id", "recommendation_id", "cycle_id"]


@dataclass
class CommitmentsShown:
    """The municipalities and (Dutch source) recommendations whose pages show
    a changed commitment."""

    municipality_ids: set[int] = field(default_factory=set)
    recommendation_ids: set[int] = field(default_factory=set)

    def add(self, *, municipality_id: int, recommendation_id: int) -> None:
        self.municipality_ids.add(municipality_id)
        self.recommendation_ids.add(recommendation_id)

    def refresh(self) -> None:
        """Make stale the cached copies of the pages that show these
        commitments (the towns' pages, the overview, the recommendations, the
        home totals), and only those: one computation, whatever their number."""
        if not self.municipality_ids:
            return
        paths = commitment_paths_shown(
            municipality_ids=self.municipality_ids, recommendation_ids=self.recommendation_ids
        )
        page_cache_paths_expire(paths=paths)

    def refresh_on_commit(self) -> None:
        """Refresh those pages once the transaction commits (at once outside one)."""
        if self.municipality_ids:
            transaction.on_commit(self.refresh)


def _commitment_save(*, commitment: Commitment, shown: CommitmentsShown) -> None:
    """Save a commitment, log the change when what it publicly says differs
    from the last logged state, and add to `shown` what pages it changes."""
    commitment_check(commitment=commitment)
    before = (
        Commitment.objects.filter(pk=commitment.pk).values(*SHOWN_FIELDS).first()
        if commitment.pk
        else None
    )
    commitment.save()
    last = commitment.changes.order_by("-changed_at", "-pk").first()
    logged = last is None or any(
        getattr(last, name) != getattr(commitment, name) for name in LOGGED_FIELDS
    )
    if logged:
        CommitmentChange.objects.create(
            commitment=commitment, **{name: getattr(commitment, name) for name in LOGGED_FIELDS}
        )
    changed = before is not None and any(
        before[name] != getattr(commitment, name) for name in SHOWN_FIELDS
    )
    if changed:
        # Where it was shown before changes too.
        shown.add(
            municipality_id=before["municipality_id"],
            recommendation_id=before["recommendation_id"],
        )
    if logged or changed:
        shown.add(
            municipality_id=commitment.municipality_id,
            recommendation_id=commitment.recommendation_id,
        )


@transaction.atomic
def commitment_record(*, commitment: Commitment) -> Commitment:
    """Save a commitment as an editor or the loader left it, log the change,
    and refresh the pages that show it."""
    shown = CommitmentsShown()
    _commitment_save(commitment=commitment, shown=shown)
    shown.refresh_on_commit()
    return commitment


# The admin's bulk deletes under way, by the queryset deleted (the `origin`
# Django's delete signals name): the commitments each removes, refreshed
# together when its transaction commits. Weak keys: an entry goes with its queryset.
_bulk_deletions: WeakKeyDictionary[QuerySet[Commitment], CommitmentsShown] = WeakKeyDictionary()


def commitment_deleted(*, commitment: Commitment, origin: object) -> None:
    """A commitment deleted (in the admin): refresh the pages that showed it
    once the transaction commits. The commitments one queryset's `delete()`
    removes (the admin's bulk delete) are refreshed together: their pages'
    paths are computed and expired once, not once per commitment."""
    if not isinstance(origin, QuerySet):
        # One commitment deleted on its own (its instance is the origin).
        shown = CommitmentsShown()
        shown.add(
            municipality_id=commitment.municipality_id,
            recommendation_id=commitment.recommendation_id,
        )
        shown.refresh_on_commit()
        return
    shown = _bulk_deletions.setdefault(origin, CommitmentsShown())
    shown.add(
        municipality_id=commitment.municipality_id,
        recommendation_id=commitment.recommendation_id,
    )
    # Registered by each commitment, not by the first only: the first callback
    # to run takes the whole set and the others find it gone. A delete rolled
    # back drops its callbacks, so a set registered once could wait forever for
    # a commit of the same queryset; with one per commitment, that set is
    # refreshed with the next delete of it (a few paths more, never fewer).
    transaction.on_commit(partial(_bulk_deletion_refresh, origin))


def _bulk_deletion_refresh(origin: QuerySet[Commitment]) -> None:
    if (shown := _bulk_deletions.pop(origin, None)) is not None:
        shown.refresh()


# What a planned commitment (the import's, commitment_set's) gives the recorded one.
ASSIGNED_FIELDS = ["status", "decided_on", "source_url", "note", "is_sample"]


def _commitment_assign(*, planned: Commitment) -> Commitment:
    """The recorded commitment of the planned one's town, recommendation and
    cycle (a new one if none), given the planned values, unsaved."""
    where = {
        "municipality": planned.municipality,
        "recommendation": planned.recommendation,
        "cycle": planned.cycle,
    }
    commitment = Commitment.objects.filter(**where).first() or Commitment(**where)
    for name in ASSIGNED_FIELDS:
        setattr(commitment, name, getattr(planned, name))
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
    """Record these values for a town on a recommendation in a cycle, logged
    and shown like an editor's change."""
    planned = Commitment(
        municipality=municipality,
        recommendation=recommendation,
        cycle=cycle,
        status=status,
        decided_on=decided_on,
        source_url=source_url,
        note=note,
        is_sample=is_sample,
    )
    return commitment_record(commitment=_commitment_assign(planned=planned))


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
    # The pages of every changed row are refreshed at once, after the import.
    shown = CommitmentsShown()
    for row in plan.changes:
        commitment = _commitment_assign(planned=row.commitment)
        _commitment_save(commitment=commitment, shown=shown)
    shown.refresh_on_commit()
    return len(plan.changes)
