"""Reads for the email outbox: what waits or failed, and the emails about one row."""

from dataclasses import dataclass

from django.db.models import Count, Q

from coalitions.models import CoachingApplication, Coalition, OutboxEmail


@dataclass(frozen=True)
class OutboxSummary:
    unsent: int
    failed: int


def outbox_summary() -> OutboxSummary:
    counts = OutboxEmail.objects.aggregate(
        unsent=Count("pk", filter=Q(status=OutboxEmail.Status.PENDING)),
        failed=Count("pk", filter=Q(status=OutboxEmail.Status.FAILED)),
    )
    return OutboxSummary(**counts)


def outbox_emails_about(
    *, application: CoachingApplication | None = None, coalition: Coalition | None = None
) -> list[OutboxEmail]:
    """The emails written about one application or coalition, oldest first."""
    owner = {"application": application} if application else {"coalition": coalition}
    return list(OutboxEmail.objects.filter(**owner).order_by("created_at", "pk"))
