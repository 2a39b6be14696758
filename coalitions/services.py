"""Writes for coalitions and coaching: the slot rules and the email outbox.

Every change that must be reported by email writes its OutboxEmail rows in the
same transaction; the Celery task is only enqueued once that transaction has
committed, and the beat sweep re-enqueues whatever a broker outage or a dead
worker left unsent.
"""

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as BrokerError
from wagtail.models import Page

from coalitions.models import (
    CoachingApplication,
    CoachingPage,
    CoachingSlot,
    Coalition,
    CoalitionIndexPage,
    HandbookPage,
    OutboxEmail,
)
from coalitions.selectors import (
    COACHING_DECISIONS,
    COALITION_DECISIONS,
    coaching_application_decisions_allowed,
    coaching_page_source,
    coaching_waitlist_position,
    coalition_decisions_allowed,
    municipality_key,
    page_url_for_language,
    personal_data_emails,
)
from coalitions.signals import coaching_slots_changed
from core.models import SiteSettings

logger = logging.getLogger(__name__)

Status = CoachingApplication.Status


class CoachingDecisionError(ValueError):
    """A decision that does not apply to the application as it stands."""


class PrivacyConsentMissing(ValueError):
    """Personal data offered without agreeing to the privacy notice: not stored."""


def _privacy_consent_time(*, privacy_consent: bool) -> datetime:
    if not privacy_consent:
        raise PrivacyConsentMissing(_("The privacy notice must be accepted."))
    return timezone.now()


# --- Outbox ---------------------------------------------------------------


def _coordinator_email(*, page: Page) -> str:
    site = page.get_site()
    return SiteSettings.for_site(site).coordinator_email if site else settings.COACHING_NOTIFY_EMAIL


def _email_context(*, page: Page, language: str) -> dict:
    """What every email to a town or coalition shows besides its message: ORBIT's
    contact details for the signature, and the handbook and the coalition
    network in the recipient's language."""
    site = page.get_site()
    return {
        "contact_email": SiteSettings.for_site(site).contact_email
        if site
        else settings.COACHING_NOTIFY_EMAIL,
        "site_url": site.root_url if site else settings.WAGTAILADMIN_BASE_URL,
        "handbook_url": page_url_for_language(page_type=HandbookPage, language=language),
        "coalitions_url": page_url_for_language(page_type=CoalitionIndexPage, language=language),
    }


def _admin_url(url_name: str, pk: int) -> str:
    """An absolute link into the admin, for the coordinator's emails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(url_name, args=[pk])


def _outbox_email_create(
    *,
    kind: str,
    recipient: str,
    language: str,
    context: dict,
    reply_to: str = "",
    application: CoachingApplication | None = None,
    coalition: Coalition | None = None,
) -> OutboxEmail:
    """Render the email in the recipient's language and queue it for sending
    once the surrounding transaction commits."""
    template = f"coalitions/emails/{kind}"
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    sender_domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    email = OutboxEmail.objects.create(
        kind=kind,
        recipient=recipient,
        reply_to=reply_to,
        language=language,
        subject=" ".join(subject.split()),
        body=body.strip() + "\n",
        message_id=make_msgid(domain=sender_domain or None),
        application=application,
        coalition=coalition,
        next_attempt_at=timezone.now(),
    )
    email_id = email.pk
    transaction.on_commit(lambda: outbox_email_enqueue(outbox_id=email_id))
    return email


def outbox_email_enqueue(*, outbox_id: int) -> None:
    """Hand the email to a worker. A broker outage must not fail the visitor's
    request: the row is saved, and the beat sweep enqueues it later."""
    from coalitions.tasks import send_outbox_email

    try:
        send_outbox_email.apply_async((outbox_id,), retry=False)
    except (BrokerError, OSError):
        logger.warning("Broker unreachable; outbox email %s waits for the sweep", outbox_id)


def outbox_retry_countdown(*, attempts: int) -> float:
    """Exponential backoff, capped so that no countdown outlives the broker's
    visibility timeout (Redis would hand the waiting task to a second worker)."""
    base = settings.COACHING_OUTBOX_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), settings.COACHING_OUTBOX_RETRY_MAX_SECONDS)


@dataclass(frozen=True)
class OutboxSendResult:
    status: str
    retry_in: float | None = None


def outbox_email_send(*, outbox_id: int) -> OutboxSendResult:
    """Send one outbox email at most once, whoever calls and however often.

    The row is claimed in a short transaction (a lease in `next_attempt_at`), the
    SMTP conversation happens outside any transaction so a slow mail server never
    holds a database lock, and the row is marked sent right after.
    """
    now = timezone.now()
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update().filter(pk=outbox_id).first()
        if email is None or email.status != OutboxEmail.Status.PENDING:
            return OutboxSendResult(status="skipped")
        if email.next_attempt_at > now:
            # Another worker holds the lease, or a retry is already scheduled.
            return OutboxSendResult(status="skipped")
        if email.attempts >= settings.COACHING_OUTBOX_MAX_ATTEMPTS:
            # Every claim counted an attempt, even one whose worker died or was
            # stopped before it could record the outcome: past the maximum, the
            # row fails here instead of going out again at each sweep.
            logger.error(
                "Outbox email %s failed for good after %s attempts", email.pk, email.attempts
            )
            email.status = OutboxEmail.Status.FAILED
            email.save(update_fields=["status"])
            return OutboxSendResult(status=OutboxEmail.Status.FAILED)
        email.attempts += 1
        email.next_attempt_at = now + timedelta(seconds=settings.COACHING_OUTBOX_LEASE_SECONDS)
        email.save(update_fields=["attempts", "next_attempt_at"])

    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        to=[email.recipient],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers={"Message-ID": email.message_id, "Content-Language": email.language},
    )
    try:
        message.send()
    except SoftTimeLimitExceeded as error:
        # The task must stop now (a slow mail server): the attempt is recorded
        # and rescheduled, the sweep sends the row again, and the task still
        # ends as time-limited, so the failure shows in the task log.
        _outbox_email_failed(email=email, error=error)
        raise
    except Exception as error:
        # Whatever it is (the server, the network, an address or header that
        # cannot be encoded), the attempt is counted and the backoff applies.
        return _outbox_email_failed(email=email, error=error)

    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxEmail.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    if email.kind == OutboxEmail.Kind.COACHING_COORDINATOR and email.application_id:
        CoachingApplication.objects.filter(pk=email.application_id).update(
            notified_at=timezone.now()
        )
    return OutboxSendResult(status=OutboxEmail.Status.SENT)


def _outbox_email_failed(*, email: OutboxEmail, error: Exception) -> OutboxSendResult:
    error_text = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= settings.COACHING_OUTBOX_MAX_ATTEMPTS:
        logger.error("Outbox email %s failed for good: %s", email.pk, error_text)
        OutboxEmail.objects.filter(pk=email.pk).update(
            status=OutboxEmail.Status.FAILED, last_error=error_text
        )
        return OutboxSendResult(status=OutboxEmail.Status.FAILED)
    countdown = outbox_retry_countdown(attempts=email.attempts)
    logger.warning("Outbox email %s: %s; retry in %ss", email.pk, error_text, countdown)
    OutboxEmail.objects.filter(pk=email.pk).update(
        last_error=error_text, next_attempt_at=timezone.now() + timedelta(seconds=countdown)
    )
    return OutboxSendResult(status=OutboxEmail.Status.PENDING, retry_in=countdown)


def outbox_email_requeue_due(*, now: datetime | None = None) -> list[int]:
    """Enqueue again every pending email whose task should have run by now but
    has not (broker outage, worker killed): the safety net under the queue.
    Each row's next attempt moves on by a lease, so a busy queue is not flooded."""
    now = now or timezone.now()
    stale_before = now - timedelta(seconds=settings.COACHING_OUTBOX_STALE_SECONDS)
    with transaction.atomic():
        due = list(
            OutboxEmail.objects.select_for_update()
            .filter(status=OutboxEmail.Status.PENDING, next_attempt_at__lte=stale_before)
            .values_list("pk", flat=True)
        )
        # Taken again by a later sweep only if still unsent a whole period from now.
        OutboxEmail.objects.filter(pk__in=due).update(next_attempt_at=timezone.now())
        for outbox_id in due:
            transaction.on_commit(
                lambda outbox_id=outbox_id: outbox_email_enqueue(outbox_id=outbox_id)
            )
    return due


def _outbox_emails_cancel(**owner) -> None:
    OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING, **owner).update(
        status=OutboxEmail.Status.CANCELLED
    )


# --- Coaching -------------------------------------------------------------


@dataclass(frozen=True)
class CoachingApplicationOutcome:
    application: CoachingApplication
    created: bool
    waitlist_position: int | None


def coaching_application_create(
    *,
    page: CoachingPage,
    municipality: str,
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
    submit for the same municipality returns the existing application.
    """
    consented_at = _privacy_consent_time(privacy_consent=privacy_consent)
    source = coaching_page_source(page=page)
    key = municipality_key(municipality=municipality)
    with transaction.atomic():
        locked_page = _coaching_page_lock(page=source)
        existing = (
            CoachingApplication.objects.filter(page=locked_page, municipality_key=key)
            .exclude(status=Status.SPAM)
            .first()
        )
        if existing:
            return CoachingApplicationOutcome(
                application=existing,
                created=False,
                waitlist_position=coaching_waitlist_position(application=existing),
            )
        _coaching_slots_refresh(page=locked_page)
        slot = _coaching_slot_free(page=locked_page)
        application = CoachingApplication.objects.create(
            page=locked_page,
            slot=slot,
            status=Status.RECEIVED if slot else Status.WAITLISTED,
            municipality=municipality,
            municipality_key=key,
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
        coordinator = _coordinator_email(page=locked_page)
        _outbox_email_create(
            kind=OutboxEmail.Kind.COACHING_COORDINATOR,
            recipient=coordinator,
            reply_to=application.email,
            language=settings.LANGUAGE_CODE,
            context={
                **context,
                "admin_url": _admin_url("coaching_applications:inspect", application.pk),
            },
            application=application,
        )
        _outbox_email_create(
            kind=OutboxEmail.Kind.COACHING_CONFIRMATION,
            recipient=application.email,
            reply_to=coordinator,
            language=application.language,
            context={**context, **_email_context(page=locked_page, language=application.language)},
            application=application,
        )
        coaching_slots_changed.send(sender=CoachingPage, page=locked_page)
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
        if decision not in coaching_application_decisions_allowed(application=application):
            raise CoachingDecisionError(
                _("This application is %(status)s; it cannot be changed that way.")
                % {"status": application.get_status_display()}
            )
        application.status = COACHING_DECISIONS[decision]
        application.decided_at = timezone.now()
        if application.status not in CoachingApplication.HOLDING_STATUSES:
            application.slot = None
        application.save(update_fields=["status", "decided_at", "slot"])

        if decision == "spam":
            _outbox_emails_cancel(application=application)
        else:
            _coaching_decision_email(application=application, decision=decision)
        _coaching_slots_refresh(page=locked_page)
        coaching_slots_changed.send(sender=CoachingPage, page=locked_page)
    return application


def coaching_page_slots_refresh(*, page: CoachingPage) -> None:
    """Bring the slots in line with the page's capacity at once, when the page
    is published: a raised capacity gives its new slots to the waitlist (and
    mails them) now, not at the next application. A translation's publish
    refreshes its Dutch source, whose capacity is the one that counts."""
    source = coaching_page_source(page=page)
    with transaction.atomic():
        locked_page = _coaching_page_lock(page=source)
        _coaching_slots_refresh(page=locked_page)
        coaching_slots_changed.send(sender=CoachingPage, page=locked_page)


def _coaching_pages_lock(*, page_ids: Iterable[int]) -> list[CoachingPage]:
    # Always in the order of their ids, so two services never wait on each other.
    return [_coaching_page_lock(page=CoachingPage(pk=pk)) for pk in sorted(set(page_ids))]


def _coaching_page_lock(*, page: CoachingPage) -> CoachingPage:
    # of=("self",): lock the coaching page's own row, not Wagtail's page row
    # that editors save; SQLite has no row locks and relies on IMMEDIATE instead.
    return CoachingPage.objects.select_for_update(of=("self",)).get(pk=page.pk)


def _coaching_slots_refresh(*, page: CoachingPage) -> None:
    """Keep the slot rows at 1..capacity and give every free one to the oldest
    waitlisted application, telling it so. Runs under the page lock."""
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
    for application in waitlist:
        slot = _coaching_slot_free(page=page)
        if slot is None:
            break
        application.slot = slot
        application.status = Status.RECEIVED
        application.save(update_fields=["slot", "status"])
        _coaching_decision_email(application=application, decision="promote")


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
    _outbox_email_create(
        kind=OutboxEmail.Kind.COACHING_DECISION,
        recipient=application.email,
        reply_to=_coordinator_email(page=page),
        language=application.language,
        context={
            "application": application,
            "decision": decision,
            **_email_context(page=page, language=application.language),
        },
        application=application,
    )


# --- Coalitions -----------------------------------------------------------


@dataclass(frozen=True)
class CoalitionRegistration:
    coalition: Coalition
    created: bool


def coalition_register(
    *,
    page: CoalitionIndexPage,
    municipality: str,
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
    consented_at = _privacy_consent_time(privacy_consent=privacy_consent)
    key = municipality_key(municipality=municipality)
    with transaction.atomic():
        existing = Coalition.objects.filter(municipality_key=key, email__iexact=email).first()
        if existing:
            return CoalitionRegistration(coalition=existing, created=False)
        try:
            # A savepoint: the same sign-up sent twice at once passes the check
            # above in both requests (nothing is locked), and the second insert
            # then meets the first one's row in the constraint.
            with transaction.atomic():
                coalition = Coalition.objects.create(
                    municipality=municipality,
                    municipality_key=key,
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
        coordinator = _coordinator_email(page=page)
        _outbox_email_create(
            kind=OutboxEmail.Kind.COALITION_COORDINATOR,
            recipient=coordinator,
            reply_to=coalition.email,
            language=settings.LANGUAGE_CODE,
            context={
                "coalition": coalition,
                "admin_url": _admin_url("coalitions:inspect", coalition.pk),
            },
            coalition=coalition,
        )
        _outbox_email_create(
            kind=OutboxEmail.Kind.COALITION_CONFIRMATION,
            recipient=coalition.email,
            reply_to=coordinator,
            language=language,
            context={"coalition": coalition, **_email_context(page=page, language=language)},
            coalition=coalition,
        )
    return CoalitionRegistration(coalition=coalition, created=True)


def coalition_decide(*, coalition_id: int, decision: str) -> Coalition:
    """List, hide or mark a coalition as spam; only consenting ones are listed."""
    with transaction.atomic():
        coalition = Coalition.objects.select_for_update().get(pk=coalition_id)
        if decision not in coalition_decisions_allowed(coalition=coalition):
            raise CoachingDecisionError(
                _("This coalition is %(status)s; it cannot be changed that way.")
                % {"status": coalition.get_status_display()}
            )
        coalition.status = COALITION_DECISIONS[decision]
        coalition.save(update_fields=["status"])
        if decision == "spam":
            _outbox_emails_cancel(coalition=coalition)
    return coalition


# --- Personal data --------------------------------------------------------


@dataclass(frozen=True)
class PersonalDataCount:
    applications: int
    coalitions: int
    emails: int


def _anonymised_email() -> Concat:
    # One address per row, so that anonymised sign-ups of one town never
    # collide on the one-sign-up-per-contact constraint; .invalid never delivers.
    return Concat(Value("anonymised-"), Cast("pk", CharField()), Value("@anonymised.invalid"))


def personal_data_anonymise_expired(*, now: datetime | None = None) -> PersonalDataCount:
    """Wipe the contact details of applications and coalition sign-ups older
    than the retention period, and delete the emails sent about them.

    What stays answers "how many towns applied, when, with what outcome":
    municipality (a town, not a person), coalition and partner organisation
    names, language, status, slot and dates. Name, email, phone and motivation
    (free text that may say anything about anyone) go.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    wiped = {"contact_name": "", "email": _anonymised_email(), "phone": "", "anonymised_at": now}
    expired = CoachingApplication.objects.filter(
        submitted_at__lt=cutoff, anonymised_at__isnull=True
    )
    with transaction.atomic():
        # A promotion runs under its page's lock: taken here too, the rows to
        # wipe are chosen after any running promotion committed (and its mail
        # is among the emails deleted), and none starts before this commits.
        _coaching_pages_lock(page_ids=expired.values_list("page_id", flat=True))
        applications = expired.all()
        coalitions = Coalition.objects.filter(submitted_at__lt=cutoff, anonymised_at__isnull=True)
        _emails_deleted, deleted_by_model = OutboxEmail.objects.filter(
            Q(application__in=applications) | Q(coalition__in=coalitions)
        ).delete()
        applications_count = applications.update(motivation="", **wiped)
        coalitions_count = coalitions.update(**wiped)
    return PersonalDataCount(
        applications=applications_count,
        coalitions=coalitions_count,
        emails=deleted_by_model.get(OutboxEmail._meta.label, 0),
    )


def personal_data_erase(*, email: str) -> PersonalDataCount:
    """Delete everything stored about one email address, on that person's request.

    An application that held a slot gives it up as a decline would: under the
    page lock, and the oldest waitlisted application is promoted (and told so).
    The emails about the deleted rows go with them.
    """
    with transaction.atomic():
        applications = CoachingApplication.objects.filter(email__iexact=email)
        locked_pages = _coaching_pages_lock(page_ids=applications.values_list("page_id", flat=True))
        # Before the rows they are about: the selector finds emails through them.
        _total, email_rows = personal_data_emails(email=email).delete()
        _total, application_rows = applications.delete()
        for page in locked_pages:
            _coaching_slots_refresh(page=page)
            coaching_slots_changed.send(sender=CoachingPage, page=page)
        _total, coalition_rows = Coalition.objects.filter(email__iexact=email).delete()
    deleted = Counter(application_rows) + Counter(coalition_rows) + Counter(email_rows)
    return PersonalDataCount(
        applications=deleted[CoachingApplication._meta.label],
        coalitions=deleted[Coalition._meta.label],
        emails=deleted[OutboxEmail._meta.label],
    )
