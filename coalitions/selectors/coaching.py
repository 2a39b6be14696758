"""Reads for coaching: slot usage, the waitlist, and what a decision will do."""

from dataclasses import dataclass

from django.db.models import Count, Q
from wagtail.models import Locale, Page

from coalitions.models import CoachingApplication, CoachingPage
from ops.selectors import page_cache_paths_served

from .pages import page_source

Status = CoachingApplication.Status


def coaching_page_source(*, page: CoachingPage) -> CoachingPage:
    return page_source(page=page)


@dataclass(frozen=True)
class CoachingSlotUsage:
    page: CoachingPage
    held: int
    waitlisted: int
    # Accepted applications: the towns ORBIT coaches.
    accepted: int

    @property
    def capacity(self) -> int:
        return self.page.capacity

    @property
    def open(self) -> int:
        return max(self.capacity - self.held, 0)


def coaching_slot_usage(*, page: CoachingPage) -> CoachingSlotUsage:
    """The source page's places, its applications counted in the same query."""
    source = page_source(
        page=page,
        held=Count(
            "applications", filter=Q(applications__status__in=CoachingApplication.HOLDING_STATUSES)
        ),
        waitlisted=Count("applications", filter=Q(applications__status=Status.WAITLISTED)),
        accepted=Count("applications", filter=Q(applications__status=Status.ACCEPTED)),
    )
    return CoachingSlotUsage(
        page=source, held=source.held, waitlisted=source.waitlisted, accepted=source.accepted
    )


def coaching_slot_paths(*, page: CoachingPage) -> set[str]:
    """The paths of the cached pages that show the slots of `page` (a source
    page): the coaching page in every language (its slots left) and every
    home page (its card and the towns coached). Translations share the
    source's slots, so each language shows the same counts."""
    translations = CoachingPage.objects.live().filter(translation_key=page.translation_key)
    homes = Page.objects.live().filter(depth=2).specific()
    return page_cache_paths_served(pages=[*translations, *homes])


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
    status = CoachingApplication.DECISIONS[decision]
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
