import pytest
from django.conf import settings
from django.utils import timezone

from coalitions.models import OutboxEmail
from coalitions.services.coaching import coaching_application_create
from coalitions.services.outbox import (
    outbox_email_requeue_due,
    outbox_email_send,
    outbox_retry_countdown,
)

from .conftest import application_fields

pytestmark = pytest.mark.django_db


def test_the_retry_schedule_outlasts_a_ten_minute_outage_within_the_visibility_timeout():
    countdowns = [
        outbox_retry_countdown(attempts=attempt)
        for attempt in range(1, settings.COACHING_OUTBOX_MAX_ATTEMPTS)
    ]

    assert countdowns == [10, 20, 40, 80, 160, 320, 600]
    assert sum(countdowns) > 10 * 60
    assert max(countdowns) < settings.REDIS_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]


@pytest.fixture
def coordinator_email(coaching_page) -> OutboxEmail:
    application = coaching_application_create(
        page=coaching_page, language="nl", **application_fields()
    ).application
    return application.emails.get(kind=OutboxEmail.Kind.COACHING_COORDINATOR)


def test_sending_twice_mails_once(coordinator_email, smtp_server):
    first = outbox_email_send(outbox_id=coordinator_email.pk)
    second = outbox_email_send(outbox_id=coordinator_email.pk)

    assert (first.status, second.status) == ("sent", "skipped")
    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["Message-ID"] == coordinator_email.message_id


def test_a_row_leased_by_another_worker_is_left_to_it(coordinator_email, smtp_server):
    OutboxEmail.objects.filter(pk=coordinator_email.pk).update(
        next_attempt_at=timezone.now() + timezone.timedelta(minutes=3)
    )

    assert outbox_email_send(outbox_id=coordinator_email.pk).status == "skipped"
    assert smtp_server.messages == []


def test_a_refused_mail_is_scheduled_for_a_retry(coordinator_email, smtp_server):
    smtp_server.refuse = True

    result = outbox_email_send(outbox_id=coordinator_email.pk)

    coordinator_email.refresh_from_db()
    assert (result.status, result.retry_in) == ("pending", 10)
    assert coordinator_email.attempts == 1
    assert coordinator_email.next_attempt_at > timezone.now()


def test_the_sweep_takes_overdue_pending_rows_once_per_period(coordinator_email):
    assert outbox_email_requeue_due() == []
    # Its task was lost ten minutes ago (a broker outage, a killed worker).
    OutboxEmail.objects.update(next_attempt_at=timezone.now() - timezone.timedelta(minutes=10))
    OutboxEmail.objects.exclude(pk=coordinator_email.pk).update(status=OutboxEmail.Status.SENT)

    assert outbox_email_requeue_due() == [coordinator_email.pk]
    assert outbox_email_requeue_due() == []


def test_a_mail_that_cannot_be_encoded_counts_as_a_failed_attempt(
    coordinator_email, smtp_server, settings
):
    settings.COACHING_OUTBOX_MAX_ATTEMPTS = 2
    # Not an SMTP or network error: the message cannot even be built.
    OutboxEmail.objects.filter(pk=coordinator_email.pk).update(recipient="a\nb@example.org")

    first = outbox_email_send(outbox_id=coordinator_email.pk)

    coordinator_email.refresh_from_db()
    assert (first.status, first.retry_in) == ("pending", 10)
    assert (coordinator_email.attempts, coordinator_email.status) == (1, "pending")
    assert coordinator_email.last_error.startswith("ValueError: Invalid address")
    assert coordinator_email.next_attempt_at > timezone.now()

    OutboxEmail.objects.filter(pk=coordinator_email.pk).update(next_attempt_at=timezone.now())
    assert outbox_email_send(outbox_id=coordinator_email.pk).status == "failed"
    coordinator_email.refresh_from_db()
    assert (coordinator_email.attempts, coordinator_email.status) == (2, "failed")
    assert smtp_server.messages == []


def test_a_row_claimed_at_the_maximum_attempts_fails_and_is_never_sent(
    coordinator_email, smtp_server, settings
):
    """Attempts whose worker was stopped before it recorded the outcome (a hard
    time limit, a kill) were counted by their claims; the next claim ends it."""
    OutboxEmail.objects.filter(pk=coordinator_email.pk).update(
        attempts=settings.COACHING_OUTBOX_MAX_ATTEMPTS
    )

    result = outbox_email_send(outbox_id=coordinator_email.pk)
    again = outbox_email_send(outbox_id=coordinator_email.pk)

    coordinator_email.refresh_from_db()
    assert (result.status, again.status) == ("failed", "skipped")
    assert coordinator_email.status == "failed"
    assert coordinator_email.attempts == settings.COACHING_OUTBOX_MAX_ATTEMPTS
    assert smtp_server.messages == []
    later = timezone.now() + timezone.timedelta(hours=1)
    assert coordinator_email.pk not in outbox_email_requeue_due(now=later)
