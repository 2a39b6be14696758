"""Reads for coalitions and coaching: what pages, emails and the admin show."""

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from coalitions.models import (
    CoachingApplication,
    CoachingPage,
    Coalition,
    HandbookDownloadMonth,
    OutboxEmail,
)

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


def page_url_for_language(*, page_type: type[Page], language: str) -> str:
    """The address of the live page of that type in `language`, else of the
    Dutch original; empty if there is none."""
    pages = page_type.objects.live()
    page = (
        pages.filter(locale__language_code=language).first()
        or pages.filter(locale=Locale.get_default()).first()
    )
    return page.full_url if page else ""


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
    every applicant, and are theirs, not the coordinator's; nor the emails to
    applicants whose reply-to is the coordinator's address."""
    return OutboxEmail.objects.filter(
        Q(application__in=CoachingApplication.objects.filter(email__iexact=email))
        | Q(coalition__in=Coalition.objects.filter(email__iexact=email))
        | (Q(reply_to__iexact=email) & Q(kind__in=_COORDINATOR_KINDS))
        | (Q(recipient__iexact=email) & ~Q(kind__in=_COORDINATOR_KINDS))
    )


def _stored_fields(instance) -> dict:
    return {
        field.attname: field.value_from_object(instance) for field in instance._meta.concrete_fields
    }


# --- What a decision will do, told before it is taken ---------------------


@dataclass(frozen=True)
class CoachingPromotion:
    """A waitlisted application that a decision moves into a free slot."""

    application: CoachingApplication
    slot_number: int
    waitlist_position: int


@dataclass(frozen=True)
class CoachingDecisionPreview:
    application: CoachingApplication
    decision: str
    status: str
    # Spam is never written to; every other decision emails the applicant.
    emails_applicant: bool
    # The slot the application gives up, if the decision makes it leave one.
    freed_slot: int | None
    promotions: list[CoachingPromotion]
    # Waitlisted applications that move up a place because this one leaves the waitlist.
    moving_up: int


def coaching_decision_preview(
    *, application: CoachingApplication, decision: str
) -> CoachingDecisionPreview:
    """What `coaching_application_decide` will do, by the same rules: the slot
    the application frees, and which waitlisted applications (oldest first,
    never anonymised ones) take the slots then free within the capacity."""
    status = COACHING_DECISIONS[decision]
    leaves = status not in CoachingApplication.HOLDING_STATUSES
    freed_slot = application.slot_number if leaves else None
    page = application.page
    holders = CoachingApplication.objects.filter(page_id=page.pk, slot__isnull=False)
    if leaves:
        holders = holders.exclude(pk=application.pk)
    held = set(holders.values_list("slot__number", flat=True))
    free = [number for number in range(1, page.capacity + 1) if number not in held]
    # After a capacity cut the extra holders keep their places: nobody is
    # promoted while as many hold a slot as the capacity allows.
    free = free[: max(page.capacity - len(held), 0)]
    waitlist = (
        CoachingApplication.objects.filter(
            page_id=page.pk, status=Status.WAITLISTED, anonymised_at__isnull=True
        )
        .exclude(pk=application.pk)
        .order_by("submitted_at", "pk")
    )
    promotions = [
        CoachingPromotion(application=waiting, slot_number=number, waitlist_position=position)
        for position, (number, waiting) in enumerate(
            zip(free, waitlist[: len(free)], strict=False), start=1
        )
    ]
    moving_up = 0
    if leaves and application.status == Status.WAITLISTED:
        ahead = (coaching_waitlist_position(application=application) or 1) - 1
        behind = waitlist.count() - ahead
        moving_up = behind - max(len(promotions) - ahead, 0)
    return CoachingDecisionPreview(
        application=application,
        decision=decision,
        status=status,
        # Past the retention period there is no address left to write to.
        emails_applicant=decision != "spam" and application.anonymised_at is None,
        freed_slot=freed_slot,
        promotions=promotions,
        moving_up=moving_up,
    )


def coaching_promotions_taken(
    *, preview: CoachingDecisionPreview
) -> list[tuple[CoachingApplication, int]]:
    """After the decision: the foreseen promotions that did happen, with the
    slot each application holds now."""
    foreseen = [promotion.application.pk for promotion in preview.promotions]
    holding = CoachingApplication.objects.filter(
        pk__in=foreseen, status__in=CoachingApplication.HOLDING_STATUSES
    ).select_related("slot")
    return sorted(
        ((application, application.slot_number) for application in holding),
        key=lambda taken: taken[1],
    )


def outbox_emails_about(
    *, application: CoachingApplication | None = None, coalition: Coalition | None = None
) -> list[OutboxEmail]:
    """The emails written about one application or coalition, oldest first."""
    owner = {"application": application} if application else {"coalition": coalition}
    return list(OutboxEmail.objects.filter(**owner).order_by("created_at", "pk"))


# --- Statistics -----------------------------------------------------------


@dataclass(frozen=True)
class StatisticsRow:
    """One period (the first day of a month, the Monday of a week) and its figures."""

    period: date
    values: dict[str, int]


def _months_back(*, today: date, months: int) -> list[date]:
    first = today.replace(day=1)
    starts = []
    for _step in range(months):
        starts.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return starts[::-1]


def statistics_handbook_downloads_by_month(
    *, months: int = 12, today: date | None = None
) -> list[StatisticsRow]:
    """Handbook downloads per language (of the page downloaded from) per month."""
    starts = _months_back(today=today or timezone.localdate(), months=months)
    languages = [code for code, _name in settings.LANGUAGES]
    counts = (
        HandbookDownloadMonth.objects.filter(month__in=starts)
        .values("month", "page__locale__language_code")
        .annotate(total=Sum("downloads"))
    )
    table = {start: dict.fromkeys(languages, 0) for start in starts}
    for count in counts:
        table[count["month"]][count["page__locale__language_code"]] += count["total"]
    return [StatisticsRow(period=start, values=values) for start, values in table.items()]


def statistics_signups_by_week(
    *, weeks: int = 12, today: date | None = None
) -> list[StatisticsRow]:
    """Coaching applications and coalition sign-ups per week (Monday to Sunday,
    Brussels time), spam left out."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    starts = [monday - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    since = timezone.make_aware(datetime.combine(starts[0], time.min))
    table = {start: {"applications": 0, "coalitions": 0} for start in starts}
    submitted = {
        "applications": CoachingApplication.objects.exclude(status=Status.SPAM),
        "coalitions": Coalition.objects.exclude(status=Coalition.Status.SPAM),
    }
    for key, rows in submitted.items():
        for moment in rows.filter(submitted_at__gte=since).values_list("submitted_at", flat=True):
            day = timezone.localtime(moment).date()
            table[day - timedelta(days=day.weekday())][key] += 1
    return [StatisticsRow(period=start, values=values) for start, values in table.items()]


def statistics_coaching_outcomes() -> dict[str, int]:
    """How many applications have each status, in the order of the statuses."""
    counts = dict(
        CoachingApplication.objects.values_list("status").annotate(total=Count("pk")).order_by()
    )
    return {status: counts.get(status, 0) for status in Status.values}
