"""Writes for the email outbox.

Every change that must be reported by email writes its OutboxEmail rows in the
same transaction; the Celery task is only enqueued once that transaction has
committed, and the beat sweep re-enqueues whatever a broker outage or a dead
worker left unsent.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError
from wagtail.models import Page

from coalitions.email_texts import email_render
from coalitions.models import (
    CoachingApplication,
    Coalition,
    CoalitionIndexPage,
    HandbookPage,
    OutboxEmail,
)
from coalitions.selectors.pages import page_url_for_language
from core.models import SiteSettings

logger = logging.getLogger(__name__)


def coordinator_email(*, page: Page) -> str:
    site = page.get_site()
    return SiteSettings.for_site(site).coordinator_email if site else settings.COACHING_NOTIFY_EMAIL


def email_context(*, page: Page, language: str) -> dict:
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


def admin_url(url_name: str, pk: int) -> str:
    """An absolute link into the admin, for the coordinator's emails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(url_name, args=[pk])


def outbox_email_create(
    *,
    kind: str,
    recipient: str,
    language: str,
    context: dict,
    reply_to: str = "",
    application: CoachingApplication | None = None,
    coalition: Coalition | None = None,
    owner: Model | None = None,
    template: str = "",
) -> OutboxEmail:
    """Render the email in the recipient's language and queue it for sending
    once the surrounding transaction commits. `template` (without the
    `.txt` and `_subject.txt` endings) defaults to coalitions' for the kind."""
    subject, body = email_render(kind=kind, language=language, context=context, template=template)
    sender_domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    email = OutboxEmail.objects.create(
        kind=kind,
        recipient=recipient,
        reply_to=reply_to,
        language=language,
        subject=subject,
        body=body,
        message_id=make_msgid(domain=sender_domain or None),
        application=application,
        coalition=coalition,
        owner=owner,
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


def outbox_emails_cancel(**owner) -> None:
    OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING, **owner).update(
        status=OutboxEmail.Status.CANCELLED
    )
