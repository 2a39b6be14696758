"""Writes for coaching: applications, decisions and the slot rules."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.exceptions import DecisionNotAllowed
from coalitions.models import CoachingApplication, CoachingPage, CoachingSlot, OutboxEmail
from coalitions.selectors.coaching import coaching_page_source, coaching_waitlist_position
from coalitions.selectors.municipality_keys import municipality_key, same_town
from coalitions.signals import coaching_slots_changed
from municipalities.models import Municipality

from .consent import privacy_consent_time
from .outbox import (
    admin_url,
    coordinator_email,
    email_context,
    outbox_email_create,
    outbox_emails_cancel,
)

Status = CoachingApplication.Status


@dataclass(frozen=True)
class CoachingApplicationOutcome:
    application: CoachingApplication
    created: bool
    waitlist_position: int | None


def coaching_application_create(
    *,
    page: CoachingPage,
    municipality_name: str,
    municipality: Municipality | None = None,
    coalition_name: str,
    contact_name: str,
    email: str,
    phone: str,
    motivation: str,
    language: str,
    privacy_consent: bool,
) -> CoachingApplicationOutcome:
    """Take a free slot for the town, or a place on the waitlist.

    The coaching page row is locked for the whole transaction, so concurrent
    applications are counted one after another and never overbook. A repeated
    submit for the same municipality returns the existing application; the
    public form gives the town from the reference list, so that every
    spelling of it ("Gent", "Gand", "9000") counts as one.
    """
    consented_at = privacy_consent_time(privacy_consent=privacy_consent)
    source = coaching_page_source(page=page)
    # One key per town whatever the language it was named in: "Gand" from the
    # French form is Gent's key, as it is from the Dutch form.
    key = municipality_key(municipality=municipality.name_nl if municipality else municipality_name)
    with transaction.atomic():
        locked_page = _coaching_page_lock(page=source)
        existing = (
            CoachingApplication.objects.filter(
                same_town(municipality_name=municipality_name, municipality=municipality),
                page=locked_page,
            )
            .exclude(status=Status.SPAM)
            .first()
        )
        if existing:
            return CoachingApplicationOutcome(
                application=existing,
                created=False,
                waitlist_position=coaching_waitlist_position(application=existing),
            )
        promoted = coaching_slots_refresh(page=locked_page)
        slot = _coaching_slot_free(page=locked_page)
        application = CoachingApplication.objects.create(
            page=locked_page,
            slot=slot,
            status=Status.RECEIVED if slot else Status.WAITLISTED,
            municipality_name=municipality_name,
            municipality_key=key,
            municipality=municipality,
            coalition_name=coalition_name,
            contact_name=contact_name,
            email=email,
            phone=phone,
            motivation=motivation,
            language=language,
            privacy_consented_at=consented_at,
        )
        position = coaching_waitlist_position(application=application)
        context = {
            "application": application,
            "page": locked_page,
            "waitlist_position": position,
        }
        coordinator = coordinator_email(page=locked_page)
        outbox_email_create(
            kind=OutboxEmail.Kind.COACHING_COORDINATOR,
            recipient=coordinator,
            reply_to=application.email,
            language=settings.LANGUAGE_CODE,
            context={
                **context,
                "admin_url": admin_url("coaching_applications:inspect", application.pk),
            },
            application=application,
        )
        outbox_email_create(
            kind=OutboxEmail.Kind.COACHING_CONFIRMATION,
            recipient=application.email,
            reply_to=coordinator,
            language=application.language,
            context={**context, **email_context(page=locked_page, language=application.language)},
            application=application,
        )
        coaching_slots_changed.send(
            sender=CoachingPage,
            page=locked_page,
            municipality_ids=promoted | _town_ids([application]),
        )
    return CoachingApplicationOutcome(
        application=application, created=True, waitlist_position=position
    )


def coaching_application_decide(*, application_id: int, decision: str) -> CoachingApplication:
    """Accept, decline, withdraw or mark as spam. Leaving frees the slot, which
    goes to the oldest waitlisted application; both applicants get an email,
    except that spam is never written to."""
    with transaction.atomic():
        page_id = CoachingApplication.objects.values_list("page_id", flat=True).get(
            pk=application_id
        )
        locked_page = _coaching_page_lock(page=CoachingPage(pk=page_id))
        application = CoachingApplication.objects.select_for_update().get(pk=application_id)
        if decision not in application.decisions_allowed():
            raise DecisionNotAllowed(
                _("This application is %(status)s; it cannot be changed that way.")
                % {"status": application.get_status_display()}
            )
        application.status = CoachingApplication.DECISIONS[decision]
        application.decided_at = timezone.now()
        if application.status not in CoachingApplication.HOLDING_STATUSES:
            application.slot = None
        application.save(update_fields=["status", "decided_at", "slot"])

        if decision == "spam":
            outbox_emails_cancel(application=application)
        else:
            _coaching_decision_email(application=application, decision=decision)
        promoted = coaching_slots_refresh(page=locked_page)
        coaching_slots_changed.send(
            sender=CoachingPage,
            page=locked_page,
            municipality_ids=promoted | _town_ids([application]),
        )
    return application


def coaching_page_slots_refresh(*, page: CoachingPage) -> None:
    """Bring the slots in line with the page's capacity at once, when the page
    is published: a raised capacity gives its new slots to the waitlist (and
    mails them) now, not at the next application. A translation's publish
    refreshes its Dutch source, whose capacity is the one that counts."""
    source = coaching_page_source(page=page)
    with transaction.atomic():
        locked_page = _coaching_page_lock(page=source)
        promoted = coaching_slots_refresh(page=locked_page)
        coaching_slots_changed.send(
            sender=CoachingPage, page=locked_page, municipality_ids=promoted
        )


def coaching_pages_lock(*, page_ids: Iterable[int]) -> list[CoachingPage]:
    # Always in the order of their ids, so two services never wait on each other.
    return [_coaching_page_lock(page=CoachingPage(pk=pk)) for pk in sorted(set(page_ids))]


def _coaching_page_lock(*, page: CoachingPage) -> CoachingPage:
    # of=("self",): lock the coaching page's own row, not Wagtail's page row
    # that editors save; SQLite has no row locks and relies on IMMEDIATE instead.
    return CoachingPage.objects.select_for_update(of=("self",)).get(pk=page.pk)


def coaching_slots_refresh(*, page: CoachingPage) -> set[int]:
    """Keep the slot rows at 1..capacity and give every free one to the oldest
    waitlisted application, telling it so. Runs under the page lock. Returns
    the towns (reference-list ids) of the applications it promoted."""
    existing = set(page.slots.values_list("number", flat=True))
    CoachingSlot.objects.bulk_create(
        CoachingSlot(page=page, number=number)
        for number in range(1, page.capacity + 1)
        if number not in existing
    )
    # Lowering the capacity never evicts a holder; a slot above it goes once freed.
    page.slots.filter(number__gt=page.capacity, holder__isnull=True).delete()

    # An anonymised application can no longer be contacted, so it never takes a slot.
    waitlist = CoachingApplication.objects.filter(
        page=page, status=Status.WAITLISTED, anonymised_at__isnull=True
    ).order_by("submitted_at", "pk")
    promoted = []
    for application in waitlist:
        slot = _coaching_slot_free(page=page)
        if slot is None:
            break
        application.slot = slot
        application.status = Status.RECEIVED
        application.save(update_fields=["slot", "status"])
        _coaching_decision_email(application=application, decision="promote")
        promoted.append(application)
    return _town_ids(promoted)


def _town_ids(applications: Iterable[CoachingApplication]) -> set[int]:
    # A town named outside the reference list has no page of its own.
    return {a.municipality_id for a in applications if a.municipality_id is not None}


def _coaching_slot_free(*, page: CoachingPage) -> CoachingSlot | None:
    """The lowest free slot, while the holders are fewer than the capacity.
    After the capacity was lowered below the number of holders, a slot freed
    under the new capacity stays empty until enough holders have left."""
    if page.slots.filter(holder__isnull=False).count() >= page.capacity:
        return None
    return (
        page.slots.filter(number__lte=page.capacity, holder__isnull=True).order_by("number").first()
    )


def _coaching_decision_email(*, application: CoachingApplication, decision: str) -> None:
    if application.anonymised_at:
        # Past the retention period there is no address left to tell (an
        # editor may still record the outcome of an old application).
        return
    page = application.page
    outbox_email_create(
        kind=OutboxEmail.Kind.COACHING_DECISION,
        recipient=application.email,
        reply_to=coordinator_email(page=page),
        language=application.language,
        context={
            "application": application,
            "decision": decision,
            **email_context(page=page, language=application.language),
        },
        application=application,
    )
