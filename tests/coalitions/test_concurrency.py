"""Thirty towns press "send" at the same moment, from parallel HTTP clients
against a live server on the suite's database (SQLite file or PostgreSQL)."""

import http.client
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest

from coalitions.models import CoachingApplication, OutboxEmail

from .conftest import application_data

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
