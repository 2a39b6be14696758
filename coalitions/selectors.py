"""Reads for coalitions and coaching: what pages, emails and the admin show."""

import unicodedata
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from coalitions.models import CoachingApplication, CoachingPage, Coalition, OutboxEmail

Status = CoachingApplication.Status
MUNICIPALITY_KEY_LENGTH = CoachingApplication._meta.get_field("municipality_key").max_length

# Each decision an editor can take on an application: the status it leads to,
# and the statuses it applies to. Leaving a slot (decline, withdraw, spam) frees it.
COACHING_DECISIONS = {
    "accept": Status.ACCEPTED,
    "decline": Status.DECLINED,
    "withdraw": Status.WITHDRAWN,
    "spam": Status.SPAM,
}
COACHING_DECISION_LABELS = {
    "accept": _("Accept"),
    "decline": _("Decline"),
    "withdraw": _("Withdraw"),
    "spam": _("Mark as spam"),
}
_COACHING_DECISION_FROM = {
    "accept": {Status.RECEIVED},
    "decline": {Status.RECEIVED, Status.ACCEPTED, Status.WAITLISTED},
    "withdraw": {Status.RECEIVED, Status.ACCEPTED, Status.WAITLISTED},
    "spam": {
        Status.RECEIVED,
        Status.ACCEPTED,
        Status.WAITLISTED,
        Status.DECLINED,
        Status.WITHDRAWN,
    },
}

COALITION_DECISIONS = {
    "list": Coalition.Status.LISTED,
    "hide": Coalition.Status.HIDDEN,
    "spam": Coalition.Status.SPAM,
}
COALITION_DECISION_LABELS = {
    "list": _("List publicly"),
    "hide": _("Hide"),
    "spam": _("Mark as spam"),
}


def coaching_application_decisions_allowed(*, application: CoachingApplication) -> list[str]:
    return [
        decision
        for decision, statuses in _COACHING_DECISION_FROM.items()
        if application.status in statuses
    ]


def coalition_decisions_allowed(*, coalition: Coalition) -> list[str]:
    """Any change of status, except listing a coalition that did not consent."""
    return [
        decision
        for decision, status in COALITION_DECISIONS.items()
        if status != coalition.status and (decision != "list" or coalition.listing_consent)
    ]


def municipality_key(*, municipality: str) -> str:
    """The form of a municipality's name that two spellings of one town share:
    composed or decomposed accents (NFKC), case (casefold), invisible format
    characters such as a zero-width space (category Cf), and any run of
    whitespace, a no-break space included, count as one."""
    text = unicodedata.normalize("NFKC", municipality)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    # Casefolding can undo the composition ("ǰ" folds to j + combining caron).
    text = unicodedata.normalize("NFKC", text.casefold())
    # NFKC can lengthen a name (one ligature becomes several letters); the key
    # column holds what the municipality column does.
    return " ".join(text.split())[:MUNICIPALITY_KEY_LENGTH]


def page_source(*, page: Page) -> Page:
    """The Dutch original of a translated page: translations share its data
    (the coaching capacity, the one list of applications)."""
    source = (
        page.get_translations(inclusive=True).filter(locale=Locale.get_default()).specific().first()
    )
    return source or page.specific


def coaching_page_source(*, page: CoachingPage) -> CoachingPage:
    return page_source(page=page)


@dataclass(frozen=True)
class CoachingSlotUsage:
    page: CoachingPage
    held: int
    waitlisted: int

    @property
    def capacity(self) -> int:
        return self.page.capacity

    @property
    def open(self) -> int:
        return max(self.capacity - self.held, 0)


def coaching_slot_usage(*, page: CoachingPage) -> CoachingSlotUsage:
    source = coaching_page_source(page=page)
    counts = CoachingApplication.objects.filter(page=source).aggregate(
        held=Count("pk", filter=Q(status__in=CoachingApplication.HOLDING_STATUSES)),
        waitlisted=Count("pk", filter=Q(status=CoachingApplication.Status.WAITLISTED)),
    )
    return CoachingSlotUsage(page=source, **counts)


def coaching_slot_usage_all() -> list[CoachingSlotUsage]:
    """Slot usage of every source-language coaching page, for the admin dashboard."""
    pages = CoachingPage.objects.filter(locale=Locale.get_default()).order_by("path")
    return [coaching_slot_usage(page=page) for page in pages]


def coaching_waitlist_position(*, application: CoachingApplication) -> int | None:
    if application.status != CoachingApplication.Status.WAITLISTED:
        return None
    # Anonymised applications are never promoted, so they are not ahead of anyone.
    ahead = CoachingApplication.objects.filter(
        page_id=application.page_id,
        status=CoachingApplication.Status.WAITLISTED,
        anonymised_at__isnull=True,
    ).filter(
        Q(submitted_at__lt=application.submitted_at)
        | Q(submitted_at=application.submitted_at, pk__lt=application.pk)
    )
    return ahead.count() + 1


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


def coalitions_listed_by_municipality() -> list[tuple[str, list[Coalition]]]:
    listed = Coalition.objects.filter(
        status=Coalition.Status.LISTED, listing_consent=True
    ).order_by("municipality_key", "name")
    return [
        (group[0].municipality, group)
        for group in (list(items) for _key, items in groupby(listed, lambda c: c.municipality_key))
    ]


def personal_data_export(*, email: str) -> dict[str, list[dict]]:
    """Everything stored about one email address, field by field, as the
    person is entitled to receive it: sign-ups, applications and the emails
    sent to, from or about them."""
    applications = CoachingApplication.objects.filter(email__iexact=email)
    coalitions = Coalition.objects.filter(email__iexact=email)
    emails = personal_data_emails(email=email).order_by("created_at", "pk")
    return {
        "coalitions": [_stored_fields(coalition) for coalition in coalitions.order_by("pk")],
        "coaching_applications": [
            _stored_fields(application) for application in applications.order_by("pk")
        ],
        "emails": [_stored_fields(email_row) for email_row in emails],
    }


# Sent to the coordinator about someone else's application or sign-up.
_COORDINATOR_KINDS = [OutboxEmail.Kind.COACHING_COORDINATOR, OutboxEmail.Kind.COALITION_COORDINATOR]


def personal_data_emails(*, email: str) -> QuerySet[OutboxEmail]:
    """The emails about one person: about their applications and sign-ups, or
    to or from their address. Not the coordinator notifications that merely
    went to their address: for the coordinator's own address those are about
    every applicant, and are theirs, not the coordinator's."""
    return OutboxEmail.objects.filter(
        Q(application__in=CoachingApplication.objects.filter(email__iexact=email))
        | Q(coalition__in=Coalition.objects.filter(email__iexact=email))
        | Q(reply_to__iexact=email)
        | (Q(recipient__iexact=email) & ~Q(kind__in=_COORDINATOR_KINDS))
    )


def _stored_fields(instance) -> dict:
    return {
        field.attname: field.value_from_object(instance) for field in instance._meta.concrete_fields
    }
