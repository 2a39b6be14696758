"""The README's table "When a dependency is down", row by row, against the live
server with real processes: a private redis-server that is stopped, a broker
the web side cannot reach, the database the web process cannot open, an SMTP
server that refuses mail, a full disk under the file page cache, and a real
`celery beat` process that is stopped. Each row checks what a visitor, a town
filling in a form, an editor and a load balancer see during the outage, then
that nothing is lost once the dependency is back.

What "down" means is the real thing except where the machine is shared: the
database server itself is not stopped (other tests and helpers use it); the web
process's connection settings are pointed at a place where no database is (a
missing folder for SQLite, a closed port for PostgreSQL), which is what a
stopped server looks like from the web process. The broker row reuses the
coaching tests' broker_unreachable() (the producer pointed at a closed port)."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import timedelta
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from coalitions.models import (
    CoachingApplication,
    CoachingPage,
    Coalition,
    CoalitionIndexPage,
    OutboxEmail,
)
from coalitions.services.outbox import outbox_email_requeue_due
from ops.models import PeriodicTaskRun
from ops.selectors import beat_task_names
from ops.services import periodic_task_run_record
from tests.coalitions.conftest import application_data, coalition_data, live_campaign  # noqa: F401
from tests.coalitions.test_delivery import all_sent, broker_unreachable, database_url
from tests.conftest import _free_port
from tests.markup import soup
from tests.waiting import wait_for

pytestmark = pytest.mark.integration


@dataclass(frozen=True)
class Row:
    """One row of the README's table: what answers while the dependency is down."""

    pages: str  # "200", or "cached 200, else 500"
    forms: int  # the status of a form post: 302 accepted (Post/Redirect/Get)
    admin: int  # the admin login page
    health: tuple[int, str, set[str]]  # /healthz status code, "status", the failed checks
    # After recovery: every application made during the outage saved, every mail sent once.


ROWS = {
    "redis-cache": Row(pages="200", forms=302, admin=200, health=(200, "degraded", {"cache"})),
    "redis-broker": Row(pages="200", forms=302, admin=200, health=(200, "degraded", {"broker"})),
    "database": Row(
        pages="cached 200, else 500",
        forms=500,
        admin=500,
        health=(503, "down", {"database", "beat"}),
    ),
    "smtp-refusing": Row(pages="200", forms=302, admin=200, health=(200, "ok", set())),
    "smtp-closed": Row(pages="200", forms=302, admin=200, health=(200, "ok", set())),
    "page-cache-disk": Row(pages="200", forms=302, admin=200, health=(200, "degraded", {"cache"})),
    "beat": Row(pages="200", forms=302, admin=200, health=(200, "degraded", {"beat"})),
}


class Visitor:
    """A browser over real HTTP: keeps cookies, does not follow redirects."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), self._NoRedirect
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, dict, str]:
        body = urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, body, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode(errors="replace")

    def form_token(self, path: str) -> str:
        status, _headers, html = self.request(path)
        assert status == 200
        return soup(html).select_one('input[name="csrfmiddlewaretoken"]')["value"]


@pytest.fixture
def site(live_server, live_campaign, page_cache, celery_worker, smtp_server, settings):  # noqa: F811
    """The site as production runs it, on the live server: page cache on, a real
    worker, a real SMTP server, beat's tasks seen running just now."""
    settings.COACHING_OUTBOX_RETRY_BASE_SECONDS = 0.2
    settings.COACHING_OUTBOX_RETRY_MAX_SECONDS = 2
    caches["default"].clear()  # the form rate limit starts afresh
    for task_name in beat_task_names():
        periodic_task_run_record(task_name=task_name, state="SUCCESS")
    return live_server.url


def beat_silent_for(seconds: float) -> None:
    """Time passing without beat: its tasks' last runs moved back."""
    PeriodicTaskRun.objects.update(last_run_at=timezone.now() - timedelta(seconds=seconds))


@contextmanager
def database_unreachable() -> Iterator[None]:
    """New connections of every thread of this process (the live server's
    included, which connects per request) go where no database is."""
    settings_dict = connection.settings_dict
    real = dict(settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent/orbitcms/db.sqlite3"
    else:
        settings_dict["PORT"] = str(_free_port())
    connection.close()
    try:
        yield
    finally:
        settings_dict.update(real)
        connection.close()


@contextmanager
def beat_process(log: Path) -> Iterator[subprocess.Popen]:
    """`celery -A orbitcms beat` on the test broker, its schedule scaled down
    to one run per second (tests/ops/beat_settings.py)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.ops.beat_settings",
        "DATABASE_URL": database_url(),
    }
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "orbitcms", "beat", "--loglevel=INFO",
             f"--schedule={log.with_suffix('.schedule')}"],
            cwd=Path(__file__).resolve().parents[2], env=env, stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


def beat_ran_since(moment) -> bool:
    return PeriodicTaskRun.objects.filter(last_run_at__gt=moment).count() == len(beat_task_names())


@pytest.fixture
def outage(request, site, settings, smtp_server, tmp_path) -> Iterator[Callable]:
    """Yields a context manager that breaks the row's dependency for its block,
    and is already configured for it (the Redis cache, the beat process)."""
    name = request.param
    if name == "redis-cache":
        redis = request.getfixturevalue("redis_cache")

        @contextmanager
        def breaking():
            redis.stop()
            yield
            redis.start()

    elif name == "redis-broker":
        breaking = broker_unreachable
    elif name == "database":
        breaking = database_unreachable
    elif name == "smtp-refusing":

        @contextmanager
        def breaking():
            smtp_server.refuse = True
            yield
            smtp_server.refuse = False

    elif name == "smtp-closed":

        @contextmanager
        def breaking():
            with override_settings(EMAIL_PORT=_free_port()):
                yield

    elif name == "page-cache-disk":
        full_disk = request.getfixturevalue("page_cache_on_full_disk")

        @contextmanager
        def breaking():
            filler = full_disk / "filler"
            yield
            filler.unlink()

    else:  # beat
        log = tmp_path / "beat.log"
        started = timezone.now()
        running = ExitStack()
        request.addfinalizer(running.close)
        running.enter_context(beat_process(log))
        wait_for(lambda: beat_ran_since(started), timeout=60, what=f"beat's first runs ({log})")

        @contextmanager
        def breaking():
            running.close()
            time.sleep(2)  # the worker finishes what beat sent last
            beat_silent_for(600 + settings.BEAT_SILENCE_SECONDS + 1)
            yield
            restarted = timezone.now()
            with beat_process(log):
                wait_for(lambda: beat_ran_since(restarted), timeout=60, what="beat back")

    yield breaking


def pages_answer(visitor: Visitor, urls: list[str]) -> dict[str, tuple[int, str]]:
    answers = {}
    for url in urls:
        status, headers, _body = visitor.request(url)
        answers[url] = (status, headers.get("X-Cache", ""))
    return answers


@pytest.mark.parametrize("outage", list(ROWS), indirect=True)
def test_when_a_dependency_is_down(outage, site, request, smtp_server):
    row = ROWS[request.node.callspec.params["outage"]]
    coaching = CoachingPage.objects.get(locale__language_code="nl").url
    coalition = CoalitionIndexPage.objects.get(locale__language_code="nl").url
    cached, uncached = "/nl/", "/fr/"
    town, coalition_town = Visitor(site), Visitor(site)
    tokens = {coaching: town.form_token(coaching), coalition: coalition_town.form_token(coalition)}
    anonymous = Visitor(site)
    assert anonymous.request(cached)[0] == 200  # now in the page cache

    with outage():
        pages = pages_answer(anonymous, [cached, uncached])
        coaching_post = town.request(
            coaching, {**application_data(), "csrfmiddlewaretoken": tokens[coaching]}
        )
        coalition_post = coalition_town.request(
            coalition, {**coalition_data(), "csrfmiddlewaretoken": tokens[coalition]}
        )
        admin = Visitor(site).request("/admin/login/")
        health_status, _headers, health_body = Visitor(site).request("/healthz")

    if row.pages == "200":
        assert {url: status for url, (status, _cache) in pages.items()} == {
            cached: 200,
            uncached: 200,
        }
    else:
        assert pages == {cached: (200, "HIT"), uncached: (500, "MISS")}
    assert (coaching_post[0], coalition_post[0]) == (row.forms, row.forms)
    assert admin[0] == row.admin
    expected_status, expected_word, failed_checks = row.health
    assert health_status == expected_status
    health = json.loads(health_body)
    assert health["status"] == expected_word
    assert {name for name, result in health["checks"].items() if result != "ok"} == failed_checks

    # After recovery: /healthz is ok, the forms accept, and what was accepted
    # during the outage is saved and mailed exactly once (the beat sweep runs
    # for rows the broker could not take).
    for task_name in beat_task_names():
        periodic_task_run_record(task_name=task_name, state="SUCCESS")
    status, _headers, body = Visitor(site).request("/healthz")
    assert (status, json.loads(body)["status"]) == (200, "ok")
    accepted_during_outage = 1 if row.forms == 302 else 0
    assert CoachingApplication.objects.count() == accepted_during_outage
    assert Coalition.objects.count() == accepted_during_outage
    fresh = Visitor(site)
    token = fresh.form_token(coaching)
    assert fresh.request(coaching, {**application_data(), "csrfmiddlewaretoken": token})[0] == 302
    outbox_email_requeue_due(now=timezone.now() + timedelta(minutes=5))
    wait_for(all_sent, what="every mail sent after recovery")
    mails = OutboxEmail.objects.count()
    assert mails >= 2 * (accepted_during_outage + 1)
    assert len({message["Message-ID"] for message in smtp_server.messages}) == mails
    assert len(smtp_server.messages) == mails
