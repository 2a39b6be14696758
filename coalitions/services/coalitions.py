"""Writes for coalitions: sign-ups and the editors' decisions on listing them."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from coalitions.exceptions import DecisionNotAllowed
from coalitions.models import Coalition, CoalitionIndexPage, OutboxEmail
from coalitions.selectors.municipality_keys import municipality_key, same_town
from coalitions.signals import coalition_listing_changed
from municipalities.models import Municipality

from .consent import privacy_consent_time
from .outbox import (
    admin_url,
    coordinator_email,
    email_context,
    outbox_email_create,
    outbox_emails_cancel,
)


@dataclass(frozen=True)
class CoalitionRegistration:
    coalition: Coalition
    created: bool


def coalition_register(
    *,
    page: CoalitionIndexPage,
    municipality_name: str,
    municipality: Municipality | None = None,
    name: str,
    partners: str,
    contact_name: str,
    email: str,
    phone: str,
    language: str,
    listing_consent: bool,
    privacy_consent: bool,
) -> CoalitionRegistration:
    """Record a coalition sign-up and tell ORBIT; editors decide on listing it."""
    consented_at = privacy_consent_time(privacy_consent=privacy_consent)
    # One key per town whatever the language it was named in: "Gand" from the
    # French form is Gent's key, so a sign-up sent from both forms is one.
    key = municipality_key(municipality=municipality.name_nl if municipality else municipality_name)
    with transaction.atomic():
        existing = Coalition.objects.filter(
            same_town(municipality_name=municipality_name, municipality=municipality),
            email__iexact=email,
        ).first()
        if existing:
            return CoalitionRegistration(coalition=existing, created=False)
        try:
            # A savepoint: the same sign-up sent twice at once passes the check
            # above in both requests (nothing is locked), and the second insert
            # then meets the first one's row in the constraint.
            with transaction.atomic():
                coalition = Coalition.objects.create(
                    municipality_name=municipality_name,
                    municipality_key=key,
                    municipality=municipality,
                    name=name,
                    partners=partners,
                    contact_name=contact_name,
                    email=email,
                    phone=phone,
                    language=language,
                    listing_consent=listing_consent,
                    privacy_consented_at=consented_at,
                )
        except IntegrityError:
            existing = Coalition.objects.get(municipality_key=key, email__iexact=email)
            return CoalitionRegistration(coalition=existing, created=False)
        coordinator = coordinator_email(page=page)
        outbox_email_create(
            kind=OutboxEmail.Kind.COALITION_COORDINATOR,
            recipient=coordinator,
            reply_to=coalition.email,
            language=settings.LANGUAGE_CODE,
            context={
                "coalition": coalition,
                "admin_url": admin_url("coalitions:inspect", coalition.pk),
            },
            coalition=coalition,
        )
        outbox_email_create(
            kind=OutboxEmail.Kind.COALITION_CONFIRMATION,
            recipient=coalition.email,
            reply_to=coordinator,
            language=language,
            context={"coalition": coalition, **email_context(page=page, language=language)},
            coalition=coalition,
        )
    return CoalitionRegistration(coalition=coalition, created=True)


def coalition_decide(*, coalition_id: int, decision: str) -> Coalition:
    """List, hide or mark a coalition as spam; only consenting ones are listed."""
    with transaction.atomic():
        coalition = Coalition.objects.select_for_update().get(pk=coalition_id)
        if decision not in coalition.decisions_allowed():
            raise DecisionNotAllowed(
                _("This coalition is %(status)s; it cannot be changed that way.")
                % {"status": coalition.get_status_display()}
            )
        was_listed = coalition.status == Coalition.Status.LISTED
        coalition.status = Coalition.DECISIONS[decision]
        coalition.save(update_fields=["status"])
        if was_listed != (coalition.status == Coalition.Status.LISTED):
            coalition_listing_changed.send(sender=Coalition, coalition=coalition)
        if decision == "spam":
            outbox_emails_cancel(coalition=coalition)
    return coalition


# What the public pages show of a listed coalition (with its town, which
# editors do not change).
SHOWN_FIELDS = {"name"}


def coalition_update(*, coalition: Coalition, changed: Iterable[str]) -> Coalition:
    """Save an editor's change to a coalition's details (`changed`: the names
    of the fields changed). A listed one shows its name on the public pages
    (its town's page among them, which the page cache keeps): a new name
    refreshes them once the change commits; a new phone number does not."""
    with transaction.atomic():
        coalition.save()
        if coalition.status == Coalition.Status.LISTED and SHOWN_FIELDS & set(changed):
            coalition_listing_changed.send(sender=Coalition, coalition=coalition)
    return coalition
