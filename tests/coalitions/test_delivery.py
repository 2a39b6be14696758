"""The coaching flow against real components: a Celery worker on the configured
broker (filesystem or Redis), an SMTP server on loopback, and the database the
suite runs on (SQLite file or PostgreSQL). Nothing here is mocked."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from email.header import decode_header, make_header
from email.message import Message
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from coalitions.models import CoachingApplication, OutboxEmail
from coalitions.services.coaching import coaching_application_create
from coalitions.services.outbox import outbox_email_requeue_due
from coalitions.tasks import send_outbox_email
from orbitcms.celery import app as celery_app
from tests.waiting import wait_for

from .conftest import application_data, application_fields, translation

pytestmark = pytest.mark.integration
BASE_DIR = Path(settings.BASE_DIR)


def all_sent() -> bool:
    return not OutboxEmail.objects.exclude(status=OutboxEmail.Status.SENT).exists()


def subject(message: Message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def message_ids(sink) -> Counter:
    return Counter(message["Message-ID"] for message in sink.messages)


def test_an_application_reaches_the_coordinator_and_the_applicant(
    live_coaching_page, celery_worker, smtp_server
):
    page_fr = translation(live_coaching_page, "fr")

    response = Client().post(
        page_fr.url, application_data(email="mairie@example.org", municipality="Namur")
    )

    assert response.status_code == 302
    wait_for(lambda: len(smtp_server.messages) == 2, what="two mails")
    by_recipient = {message["X-Envelope-To"]: message for message in smtp_server.messages}
    coordinator = by_recipient["amos@orbitvzw.be"]
    confirmation = by_recipient["mairie@example.org"]
    assert coordinator["Reply-To"] == "mairie@example.org"
    assert subject(coordinator) == "Coachingaanvraag van Namur: plaats 1 van 7"
    assert "Motivatie:" in coordinator.get_payload(decode=True).decode()
    assert confirmation["Content-Language"] == "fr"
    assert subject(confirmation) == "Nous avons reçu votre demande d'accompagnement"
    rows = {row.recipient: row for row in OutboxEmail.objects.all()}
    assert coordinator["Message-ID"] == rows["amos@orbitvzw.be"].message_id
    wait_for(all_sent, what="rows marked sent")
    assert CoachingApplication.objects.get().notified_at is not None


def test_a_redelivered_task_never_mails_twice(live_coaching_page, celery_worker, smtp_server):
    Client().post(live_coaching_page.url, application_data())
    wait_for(all_sent, what="first delivery")
    coordinator_row = OutboxEmail.objects.get(kind=OutboxEmail.Kind.COACHING_COORDINATOR)

    results = [
        send_outbox_email.apply_async((coordinator_row.pk,), ignore_result=False) for _ in range(2)
    ]

    assert [result.get(timeout=30) for result in results] == ["skipped", "skipped"]
    assert message_ids(smtp_server)[coordinator_row.message_id] == 1
    assert len(smtp_server.messages) == 2


@contextmanager
def broker_unreachable() -> Iterator[None]:
    """Point the web side's Celery producer at a closed loopback port, as if
    the broker were down, then give it back its real broker."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    real = (celery_app.conf.broker_url, celery_app.conf.broker_transport_options)

    def reconnect(url: str, options: dict) -> None:
        celery_app.conf.broker_url = url
        celery_app.conf.broker_transport_options = options
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    reconnect(f"redis://127.0.0.1:{closed_port}/0", settings.REDIS_BROKER_TRANSPORT_OPTIONS)
    try:
        yield
    finally:
        reconnect(*real)


def test_a_broker_outage_loses_nothing(live_coaching_page, celery_worker, smtp_server):
    client = Client()
    with broker_unreachable():
        started = time.monotonic()
        responses = [
            client.post(live_coaching_page.url, application_data(), follow=True) for _ in range(5)
        ]
        outage_post_seconds = (time.monotonic() - started) / 5

    assert all("We hebben je een bevestiging gemaild" in r.text for r in responses)
    assert CoachingApplication.objects.count() == 5
    assert OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING).count() == 10
    time.sleep(1)
    assert smtp_server.messages == []

    # The beat sweep, once the broker is back (rows count as overdue after a few minutes).
    restored = time.monotonic()
    requeued = outbox_email_requeue_due(now=timezone.now() + timedelta(minutes=5))

    assert len(requeued) == 10
    wait_for(lambda: len(smtp_server.messages) == 10, what="ten mails after the outage")
    wait_for(all_sent, what="rows marked sent")
    assert set(message_ids(smtp_server).values()) == {1}
    print(
        f"\nbroker outage: 5 posts answered in {outage_post_seconds * 1000:.0f} ms each, "
        f"10/10 mails delivered {time.monotonic() - restored:.1f} s after the sweep"
    )


def test_smtp_failures_are_retried_until_the_server_is_back(
    live_coaching_page, celery_worker, smtp_server, settings
):
    # The production backoff (10 s doubling to 10 min) scaled down 50 times.
    settings.COACHING_OUTBOX_RETRY_BASE_SECONDS = 0.2
    settings.COACHING_OUTBOX_RETRY_MAX_SECONDS = 12
    smtp_server.refuse = True

    Client().post(live_coaching_page.url, application_data())
    wait_for(
        lambda: not OutboxEmail.objects.filter(attempts__lt=4).exists(),
        what="four refused attempts per mail",
    )
    assert smtp_server.messages == []
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"pending"}
    assert "451" in OutboxEmail.objects.first().last_error
    smtp_server.refuse = False

    wait_for(all_sent, what="delivery after the server came back")
    assert len(smtp_server.messages) == 2
    assert set(message_ids(smtp_server).values()) == {1}


def test_a_mail_that_keeps_failing_is_marked_and_shown_on_the_dashboard(
    live_coaching_page, celery_worker, smtp_server, settings, admin_client
):
    settings.COACHING_OUTBOX_RETRY_BASE_SECONDS = 0.1
    settings.COACHING_OUTBOX_MAX_ATTEMPTS = 3
    smtp_server.refuse = True

    Client().post(live_coaching_page.url, application_data())

    wait_for(
        lambda: OutboxEmail.objects.filter(status=OutboxEmail.Status.FAILED).count() == 2,
        what="both mails marked failed",
    )
    assert set(OutboxEmail.objects.values_list("attempts", flat=True)) == {3}
    dashboard = admin_client.get("/admin/").text
    assert "2 e-mails mislukt" in dashboard
    assert "1 / 7" in dashboard


def database_url() -> str:
    """The test database, for worker processes started by a test."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@contextmanager
def worker_process(smtp_port: int, log: Path, pool: str = "solo") -> Iterator[subprocess.Popen]:
    """`celery -A orbitcms worker`, as an operator starts it, on the test database.
    Time limits need the prefork pool (the default one): it signals its child."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "orbitcms.settings.test",
        "DATABASE_URL": database_url(),
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
    }
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "orbitcms", "worker", f"--pool={pool}",
             "--concurrency=1",
             "--without-mingle", "--without-gossip", "--loglevel=INFO"],
            cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


@pytest.mark.parametrize(
    ("moment", "expected_duplicates"),
    [
        # The worker dies while the server is still taking the mail in.
        ("delay", 0),
        # The worker dies after the server accepted the mail, before the row is
        # marked sent: the one duplicate no outbox can avoid, with the same Message-ID.
        ("quit_delay", 1),
    ],
)
def test_a_worker_killed_mid_send_loses_no_application(
    live_coaching_page, smtp_server, tmp_path, moment, expected_duplicates
):
    celery_app.control.purge()
    setattr(smtp_server, moment, 2.0)
    client = Client()
    log = tmp_path / "worker.log"

    with worker_process(settings.EMAIL_PORT, log) as worker:
        for _ in range(4):
            assert client.post(live_coaching_page.url, application_data()).status_code == 302
        wait_for(lambda: OutboxEmail.objects.filter(attempts=1).count() == 2, timeout=90,
                 what="the worker on its second mail")  # fmt: skip
        if moment == "quit_delay":
            wait_for(lambda: len(smtp_server.messages) == 2, what="the second mail accepted")
        time.sleep(0.5)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    setattr(smtp_server, moment, 0)
    time.sleep(2.5)  # the server finishes the session the worker died in
    delivered_before_restart = len(smtp_server.messages)

    with worker_process(settings.EMAIL_PORT, log):
        # Beat's sweep, once the dead worker's lease on its row has run out.
        outbox_email_requeue_due(now=timezone.now() + timedelta(minutes=10))
        wait_for(all_sent, timeout=90, what="every row sent after the restart")

    rows = list(OutboxEmail.objects.all())
    received = message_ids(smtp_server)
    assert len(rows) == 8
    assert set(received) == {row.message_id for row in rows}
    duplicates = sum(count - 1 for count in received.values())
    assert duplicates == expected_duplicates
    for application in CoachingApplication.objects.all():
        coordinator_mails = [
            message
            for message in smtp_server.messages
            if message["X-Envelope-To"] == "amos@orbitvzw.be"
            and message["Reply-To"] == application.email
        ]
        assert len({message["Message-ID"] for message in coordinator_mails}) == 1
    print(
        f"\nSIGKILL ({moment}): {delivered_before_restart} mails before the restart, "
        f"8/8 rows sent after it, {duplicates} duplicate (same Message-ID)"
    )


def test_a_mail_server_slower_than_the_time_limit_counts_each_attempt_until_failed(
    live_coaching_page, smtp_server, tmp_path
):
    """Celery's soft time limit stops a send to a server that takes too long:
    the attempt is recorded and rescheduled like any failure, and the last
    allowed one marks the email failed, never to be sent again."""
    coaching_application_create(page=live_coaching_page, language="nl", **application_fields())
    celery_app.control.purge()  # the tasks the application queued: sent below, time-limited
    row = OutboxEmail.objects.get(kind=OutboxEmail.Kind.COACHING_COORDINATOR)
    smtp_server.delay = 4

    def send_time_limited() -> None:
        send_outbox_email.apply_async((row.pk,), soft_time_limit=1, time_limit=30)

    with worker_process(settings.EMAIL_PORT, tmp_path / "worker.log", pool="prefork"):
        send_time_limited()
        wait_for(lambda: OutboxEmail.objects.get(pk=row.pk).last_error, timeout=90,
                 what="the time-limited attempt recorded")  # fmt: skip
        row.refresh_from_db()
        assert (row.status, row.attempts) == (OutboxEmail.Status.PENDING, 1)
        assert row.last_error.startswith("SoftTimeLimitExceeded")
        # The backoff after a failure, not the lease of a send in progress.
        assert row.next_attempt_at < timezone.now() + timedelta(seconds=30)

        OutboxEmail.objects.filter(pk=row.pk).update(
            attempts=settings.COACHING_OUTBOX_MAX_ATTEMPTS - 1, next_attempt_at=timezone.now()
        )
        send_time_limited()
        wait_for(lambda: OutboxEmail.objects.get(pk=row.pk).status == OutboxEmail.Status.FAILED,
                 timeout=60, what="the last attempt marked failed")  # fmt: skip

    row.refresh_from_db()
    assert row.attempts == settings.COACHING_OUTBOX_MAX_ATTEMPTS
    assert row.pk not in outbox_email_requeue_due(now=timezone.now() + timedelta(hours=1))
