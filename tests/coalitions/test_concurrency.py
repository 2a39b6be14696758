"""Thirty towns press "send" at the same moment, from parallel HTTP clients
against a live server on the suite's database (SQLite file or PostgreSQL); one
sign-up sent several times at once; the retention task during a promotion;
a load of the towns during an application."""

import http.client
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import connection, transaction
from django.utils import timezone

from coalitions.models import CoachingApplication, Coalition, CoalitionIndexPage, OutboxEmail
from coalitions.services.coaching import coaching_application_create, coaching_application_decide
from coalitions.services.personal_data import personal_data_anonymise_expired
from municipalities.models import Municipality
from municipalities.services import municipalities_load

from .conftest import (
    application_data,
    application_fields,
    coalition_data,
    translation,
)

pytestmark = pytest.mark.integration

ROUNDS = 5
APPLICANTS = 30
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def apply_at_the_same_moment(url: str, data: dict, start: threading.Barrier) -> int:
    """A visitor's browser: load the form (CSRF cookie and token), wait for
    everyone, post; return the status of the answer (302 = confirmation)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    connection.request("GET", parts.path)
    form_page = connection.getresponse()
    cookie = form_page.getheader("Set-Cookie").split(";")[0]
    token = CSRF_INPUT.search(form_page.read().decode()).group(1)
    body = urlencode({**data, "csrfmiddlewaretoken": token})
    start.wait()
    connection.request(
        "POST",
        parts.path,
        body=body,
        headers={
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": url,
        },
    )
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer.status


def test_thirty_simultaneous_applications_never_overbook(live_server, live_coaching_page, settings):
    settings.COACHING_FORM_RATE = "1000/m"  # every client comes from 127.0.0.1
    url = live_server.url + live_coaching_page.url
    for round_number in range(1, ROUNDS + 1):
        CoachingApplication.objects.all().delete()
        start = threading.Barrier(APPLICANTS)
        began = time.monotonic()
        with ThreadPoolExecutor(max_workers=APPLICANTS) as pool:
            statuses = list(
                pool.map(
                    lambda data, start=start: apply_at_the_same_moment(url, data, start),
                    [application_data() for _ in range(APPLICANTS)],
                )
            )
        elapsed = time.monotonic() - began

        assert statuses == [302] * APPLICANTS
        holders = CoachingApplication.objects.filter(status="received")
        assert sorted(holders.values_list("slot__number", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
        assert CoachingApplication.objects.filter(status="waitlisted").count() == 23
        assert CoachingApplication.objects.count() == APPLICANTS
        assert Counter(OutboxEmail.objects.values_list("kind", flat=True)) == {
            "coaching_coordinator": APPLICANTS,
            "coaching_confirmation": APPLICANTS,
        }
        print(
            f"\nround {round_number}: {APPLICANTS} posts in {elapsed:.2f} s, "
            f"7 slot holders (slots 1-7), 23 waitlisted, statuses {Counter(statuses)}"
        )


def test_one_coalition_sign_up_sent_several_times_at_once_is_stored_once(
    live_server, live_campaign, settings
):
    """A double click, a retried request: the same sign-up (the address in any
    case) arrives in parallel requests that all pass the duplicate check
    before any of them has saved."""
    settings.COACHING_FORM_RATE = "1000/m"
    url = live_server.url + CoalitionIndexPage.objects.get(locale__language_code="nl").url
    for _round in range(ROUNDS):
        data = coalition_data()
        copies = [data, data, {**data, "email": data["email"].upper()}, data]
        start = threading.Barrier(len(copies))
        with ThreadPoolExecutor(max_workers=len(copies)) as pool:
            statuses = list(
                pool.map(
                    lambda data, start=start: apply_at_the_same_moment(url, data, start), copies
                )
            )

        assert statuses == [302] * len(copies)
        assert Coalition.objects.filter(municipality_name=data["municipality"]).count() == 1
    # One mail to the coordinator and one confirmation per sign-up, not per copy.
    kinds = Counter(OutboxEmail.objects.values_list("kind", flat=True))
    assert kinds == {
        OutboxEmail.Kind.COALITION_COORDINATOR: ROUNDS,
        OutboxEmail.Kind.COALITION_CONFIRMATION: ROUNDS,
    }


def test_one_town_sent_in_every_spelling_at_once_is_one_application(
    live_server, live_coaching_page, settings
):
    """Six people apply for Gent at the same moment, on the Dutch and the
    French page, each spelling it their way: one application, for the town
    of the reference list; the others see it as already received."""
    settings.COACHING_FORM_RATE = "1000/m"
    pages = [live_coaching_page, translation(live_coaching_page, "fr")]
    spellings = ["Gent", "gand", "9000", "GENT ", "9000 Gand", "Gand"]
    for _round in range(ROUNDS):
        CoachingApplication.objects.all().delete()
        start = threading.Barrier(len(spellings))
        posts = [
            (live_server.url + pages[index % 2].url, application_data(municipality=spelling))
            for index, spelling in enumerate(spellings)
        ]
        with ThreadPoolExecutor(max_workers=len(posts)) as pool:
            statuses = list(
                pool.map(lambda post, start=start: apply_at_the_same_moment(*post, start), posts)
            )

        assert statuses == [302] * len(posts)
        towns = CoachingApplication.objects.values_list("municipality__nis_code", flat=True)
        assert list(towns) == ["44021"]


def wait_until_another_transaction_waits_for_a_lock() -> None:
    if connection.vendor == "postgresql":
        deadline = time.monotonic() + 30
        with connection.cursor() as cursor:
            while time.monotonic() < deadline:
                cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
                if cursor.fetchone()[0]:
                    return
                time.sleep(0.05)
        raise AssertionError("the other transaction never waited for a lock")
    # SQLite: the other transaction waits to begin (IMMEDIATE); nothing shows it.
    time.sleep(1)


def test_the_retention_task_never_leaves_a_promotion_mail_to_a_wiped_address(live_coaching_page):
    """A decline promotes the oldest waitlisted application, which is past the
    retention period, while the retention task runs: the task must wipe it
    after the promotion committed, mail included, not mail the old address."""
    holders = [
        coaching_application_create(
            page=live_coaching_page, language="nl", **application_fields()
        ).application
        for _ in range(live_coaching_page.capacity)
    ]
    expired = coaching_application_create(
        page=live_coaching_page, language="nl", **application_fields()
    ).application
    CoachingApplication.objects.filter(pk=expired.pk).update(
        submitted_at=timezone.now() - timedelta(days=800)
    )

    def retention_task() -> None:
        try:
            personal_data_anonymise_expired()
        finally:
            connection.close()

    retention = threading.Thread(target=retention_task)
    with transaction.atomic():
        coaching_application_decide(application_id=holders[0].pk, decision="decline")
        retention.start()
        wait_until_another_transaction_waits_for_a_lock()
    retention.join(timeout=60)

    expired.refresh_from_db()
    assert expired.anonymised_at is not None
    assert expired.email.endswith("@anonymised.invalid")
    assert not OutboxEmail.objects.filter(application=expired).exists()
    assert not OutboxEmail.objects.filter(recipient__iexact=expired.email).exists()


def test_a_load_of_the_towns_while_a_town_applies_never_fails(live_coaching_page):
    """An application typed before the list knew its town ("Gand", unmatched)
    and a new one for Gent, from the list, sent while the list is loaded: the
    re-match after the load takes the page lock the application holds, so it
    sees Gent taken and leaves the old row for editors, instead of giving it
    Gent too and failing the load on the one-application-per-town rule."""
    gent = Municipality.objects.get(nis_code="44021")
    older = coaching_application_create(
        page=live_coaching_page, language="fr", **application_fields(municipality_name="Gand")
    ).application
    failures: list[Exception] = []

    def load() -> None:
        try:
            municipalities_load()
        except Exception as error:  # the thread reports it to the test
            failures.append(error)
        finally:
            connection.close()

    loader = threading.Thread(target=load)
    with transaction.atomic():
        newer = coaching_application_create(
            page=live_coaching_page,
            language="nl",
            **application_fields(municipality_name="Gent", municipality=gent),
        ).application
        loader.start()
        wait_until_another_transaction_waits_for_a_lock()
    loader.join(timeout=120)

    assert not loader.is_alive()
    assert failures == []
    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.municipality_name, older.municipality) == ("Gand", None)
    assert newer.municipality == gent
