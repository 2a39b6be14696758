"""Reads for the personal-data screen: everything stored about one address."""

from datetime import datetime
from typing import Protocol

from django.db.models import Q, QuerySet
from wagtail import hooks

from coalitions.models import CoachingApplication, Coalition, OutboxEmail

# Apps above this one keep personal data of their own (the commitments app's
# correction proposals): each registers a PersonalDataHolder class under this
# Wagtail hook, and the export, the erasure on request and the retention task
# cover its rows as they cover this app's.
PERSONAL_DATA_HOOK = "register_personal_data"


class PersonalDataHolder(Protocol):
    name: str  # the key of its rows in an export and of its counts
    verbose_name: str  # lazily translated, plural: "correction proposals"

    def export(self, *, email: str) -> list[dict]: ...

    def erase(self, *, email: str) -> int: ...

    def anonymise_before(self, *, cutoff: datetime, now: datetime) -> int: ...


def personal_data_holders() -> list[PersonalDataHolder]:
    return [holder() for holder in hooks.get_hooks(PERSONAL_DATA_HOOK)]


def personal_data_export(*, email: str) -> dict[str, list[dict]]:
    """Everything stored about one email address, field by field, as the
    person is entitled to receive it: sign-ups, applications and the emails
    sent to, from or about them."""
    applications = CoachingApplication.objects.filter(email__iexact=email)
    coalitions = Coalition.objects.filter(email__iexact=email)
    emails = personal_data_emails(email=email).order_by("created_at", "pk")
    return {
        "coalitions": [stored_fields(coalition) for coalition in coalitions.order_by("pk")],
        "coaching_applications": [
            stored_fields(application) for application in applications.order_by("pk")
        ],
        "emails": [stored_fields(email_row) for email_row in emails],
        **{holder.name: holder.export(email=email) for holder in personal_data_holders()},
    }


# Sent to the coordinator about someone else's application or sign-up.
_COORDINATOR_KINDS = [
    OutboxEmail.Kind.COACHING_COORDINATOR,
    OutboxEmail.Kind.COALITION_COORDINATOR,
    OutboxEmail.Kind.CORRECTION_COORDINATOR,
]


def personal_data_emails(*, email: str) -> QuerySet[OutboxEmail]:
    """The emails about one person: about their applications and sign-ups, or
    to or from their address. Not the coordinator notifications that merely
    went to their address: for the coordinator's own address those are about
    every applicant, and are theirs, not the coordinator's; nor the emails to
    applicants whose reply-to is the coordinator's address."""
    return OutboxEmail.objects.filter(
        Q(application__in=CoachingApplication.objects.filter(email__iexact=email))
        | Q(coalition__in=Coalition.objects.filter(email__iexact=email))
        | (Q(reply_to__iexact=email) & Q(kind__in=_COORDINATOR_KINDS))
        | (Q(recipient__iexact=email) & ~Q(kind__in=_COORDINATOR_KINDS))
    )


def stored_fields(instance) -> dict:
    return {
        field.attname: field.value_from_object(instance) for field in instance._meta.concrete_fields
    }
