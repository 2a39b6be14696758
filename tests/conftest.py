"""Fixtures shared by the whole suite: the loaded campaign, the municipalities'
reference data, a real Celery worker on the configured broker, and a real SMTP
server on loopback."""

import asyncio
import http.server
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core.cache import caches
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, models, transaction
from django.test import Client
from pytest_django.fixtures import validate_django_db
from wagtail.models import Page, Site

from home.campaign import campaign_load
from home.models import HomePage
from municipalities.models import Municipality, PostalCode, Province, Region
from municipalities.services import LoadReport, municipalities_load
from ops.services import PAGE_CACHE_ALIAS
from ops.sites import site_lookup_clear
from orbitcms.celery import app as celery_app
from tests.campaign_copy import (
    KeptFiles,
    campaign_copy_keep,
    campaign_copy_kept,
    campaign_copy_restore,
    campaign_files_keep,
    campaign_files_restore,
)
from tests.database_snapshot import snapshot_key, snapshot_possible, snapshot_restore, snapshot_save

# Tests that commit, for other connections to see (live server, worker, other
# processes) or in real transactions (`django_db(transaction=True)`), that
# start other processes (each pays a Django start-up of seconds) or that
# drive a browser: the slow layer, left out by `make test-fast`.
SLOW_FIXTURES = {"transactional_db", "live_server", "celery_worker"}
SLOW_MARKERS = ("integration", "e2e", "processes")


def _commits(item: pytest.Item) -> bool:
    """Whether the test runs in real transactions, which empty every table
    afterwards: a transactional fixture, or `django_db(transaction=True)` (or
    reset_sequences, which pytest-django runs the same way)."""
    marker = item.get_closest_marker("django_db")
    if marker:
        transactional, reset_sequences, *_rest = validate_django_db(marker)
        if transactional or reset_sequences:
            return True
    return bool(SLOW_FIXTURES & set(item.fixturenames))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.get_closest_marker(name) for name in SLOW_MARKERS) or _commits(item):
            item.add_marker(pytest.mark.slow)


# Set by django_db_setup once the campaign is in the test database.
CAMPAIGN_PRELOADED = pytest.StashKey[bool]()
# The media files its rows name, kept beside MEDIA_ROOT (tests/campaign_copy.py).
CAMPAIGN_FILES = pytest.StashKey[KeptFiles]()
# The key of the kept database (tests/database_snapshot.py) the session
# restored, or will keep once prepared; unset where none is used.
SNAPSHOT_KEY = pytest.StashKey[str]()
SNAPSHOT_RESTORED = pytest.StashKey[bool]()


def _serialized_rollback(session: pytest.Session) -> bool:
    return any("django_db_serialized_rollback" in item.fixturenames for item in session.items)


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_keepdb, django_db_createdb, django_db_modify_db_settings):
    """Keep the test database (pytest-django's --reuse-db), or start it from the
    copy an earlier session kept, where there is one for today's code: Django
    then only checks that every migration is applied. --create-db prepares
    it from scratch and keeps that."""
    if django_db_keepdb and not django_db_createdb:
        return True
    if not snapshot_possible() or _serialized_rollback(request.session):
        return False
    key = snapshot_key()
    request.config.stash[SNAPSHOT_KEY] = key
    if django_db_createdb:
        return False
    database = Path(settings.DATABASES[DEFAULT_DB_ALIAS]["TEST"]["NAME"])
    restored = snapshot_restore(key=key, database=database)
    request.config.stash[SNAPSHOT_RESTORED] = restored
    return restored


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """The campaign loaded once into the new test database. Tests on the `db`
    fixture roll back to it (pytest-django runs them all before the
    transactional ones, whose flush empties the database). A database
    restored from a kept copy has it already; one prepared here is kept.

    Not where a test asks for a serialized rollback (the browser tests): that
    restores the database as the migrations left it, which a campaign loaded
    beforehand would collide with."""
    if _serialized_rollback(request.session):
        return
    if not request.config.stash.get(SNAPSHOT_RESTORED, False):
        with django_db_blocker.unblock():
            campaign_load()
            _campaign_visit()
            campaign_copy_keep()
            if key := request.config.stash.get(SNAPSHOT_KEY, ""):
                snapshot_save(key=key)
    with django_db_blocker.unblock():
        request.config.stash[CAMPAIGN_FILES] = campaign_files_keep()
    request.config.stash[CAMPAIGN_PRELOADED] = True


def _campaign_visit() -> None:
    """Every live page rendered once, as on a site that has had visitors: the
    image renditions its templates ask for are made here, once, rather than
    in every test that shows them (AVIF and WebP encoding, rolled back with
    the test)."""
    client = Client()
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        if url := page.get_url():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)


@pytest.fixture
def campaign(request, db) -> HomePage:
    """The campaign content as `make run` loads it (campaign_ready)."""
    return campaign_ready(request.config)


def campaign_ready(config: pytest.Config) -> HomePage:
    """Where the session loaded the campaign beforehand, every `db` test rolls
    back to it: its home page (one query), and the files its rows name where
    a test before took them from storage (a rollback leaves files alone);
    where a flush emptied the database since (a test that committed), the
    session's copy of its rows goes back (tests/campaign_copy.py). The loader
    runs where the session did not load it (the browser tests)."""
    if config.stash.get(CAMPAIGN_PRELOADED, False):
        source_locale = settings.LANGUAGE_CODE
        home = HomePage.objects.filter(depth=2, locale__language_code=source_locale).first()
        if home is None and campaign_copy_kept():
            campaign_copy_restore()
            home = HomePage.objects.filter(depth=2, locale__language_code=source_locale).first()
        if home is not None:
            campaign_files_restore(config.stash[CAMPAIGN_FILES])
            return home
    return campaign_load()


# Parents before children, as they are inserted.
REFERENCE_MODELS = (Region, Province, Municipality, PostalCode)


@dataclass
class ReferenceRows:
    """What the session's first load reported and the rows it wrote."""

    report: LoadReport
    rows: dict[type[models.Model], list[models.Model]]


@pytest.fixture(scope="session")
def reference_rows(django_db_setup, django_db_blocker) -> ReferenceRows:
    """The session loads the reference data once, through the real loader
    (a few seconds: a save per municipality), and keeps its rows."""
    with django_db_blocker.unblock():
        report = municipalities_load()
        rows = {model: list(model.objects.order_by("pk")) for model in REFERENCE_MODELS}
        _reference_data_remove()
    return ReferenceRows(report, rows)


@pytest.fixture(scope="module")
def reference_data(reference_rows, django_db_blocker) -> Iterator[LoadReport]:
    """Statbel's municipalities and postal codes for one module (the tests on
    `db` roll back to them), removed after it: tests elsewhere see none. The
    rows the session's loader wrote go back as they were, primary keys
    included, in one insert per table; the report is the session's first load."""
    with django_db_blocker.unblock():
        _reference_data_insert(reference_rows)
    yield reference_rows.report
    with django_db_blocker.unblock():
        _reference_data_remove()


@pytest.fixture
def reference_data_committed(transactional_db, reference_rows) -> LoadReport:
    """The same rows for one test that commits (live server, worker): the
    flush after it empties their tables with the rest."""
    _reference_data_insert(reference_rows)
    return reference_rows.report


def _reference_data_insert(reference_rows: ReferenceRows) -> None:
    with transaction.atomic():
        for model in REFERENCE_MODELS:
            model.objects.bulk_create(reference_rows.rows[model])
        # As loaddata does: rows inserted with their own keys leave
        # PostgreSQL's sequences behind (SQLite needs nothing).
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), REFERENCE_MODELS):
                cursor.execute(sql)


def _reference_data_remove() -> None:
    """The rows as they were inserted, in one statement per table: once a
    module's tests rolled back nothing refers to them (a row that still did
    fails the commit), and the ORM's delete would fetch every row first to
    look for what does (seconds a module)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for model in reversed(REFERENCE_MODELS):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


@pytest.fixture
def gent(reference_data, db) -> Municipality:
    return Municipality.objects.get(name_nl="Gent")


@pytest.fixture
def page_cache(settings):
    """The page cache (and the menu and footer kept beside it) switched on, as
    in production, and empty before and after."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600
    caches[PAGE_CACHE_ALIAS].clear()
    yield caches[PAGE_CACHE_ALIAS]
    caches[PAGE_CACHE_ALIAS].clear()


@pytest.fixture
def page_parts_kept(page_cache, settings):
    """The page cache off but the parts kept beside it (the menu, a page's
    figures and links) on: each render is a fresh one that reads the kept parts."""
    settings.PAGE_CACHE_SECONDS = 0
    return page_cache


@pytest.fixture
def celery_worker(transactional_db) -> Iterator:
    """A real worker thread consuming from the configured broker (filesystem
    transport by default, Redis when REDIS_URL is set). Messages an earlier
    test left in the queue are dropped first: they belong to rows gone with it."""
    celery_app.control.purge()
    with start_worker(celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING") as w:
        yield w


@dataclass
class MailSink:
    """Collects what the SMTP server accepted; `refuse` makes it answer with a
    temporary failure, `delay` makes it take that many seconds before accepting
    a mail, `quit_delay` before closing the session once a mail is accepted."""

    messages: list[Message] = field(default_factory=list)
    refuse: bool = False
    delay: float = 0
    quit_delay: float = 0

    async def handle_QUIT(self, server, session, envelope):
        await asyncio.sleep(self.quit_delay)
        return "221 Bye"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "451 Try again later"
        await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.content)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings) -> Iterator[MailSink]:
    """A real SMTP server on loopback; Django's SMTP backend is pointed at it."""
    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def cdn(settings) -> Iterator[list[str]]:
    """A CDN on loopback that accepts HTTP PURGE (as Varnish does), configured as
    the README says (CDN_PURGE_URL); yields the paths it was asked to purge."""
    purged: list[str] = []

    class PurgeHandler(http.server.BaseHTTPRequestHandler):
        def do_PURGE(self) -> None:
            purged.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeHandler)
    # shutdown() waits for the loop's next poll: half a second by default.
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    try:
        yield purged
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def sites_looked_up_afresh() -> Iterator[None]:
    """A test's changes to sites and their root pages roll back without a
    signal: what is kept of them between requests goes with them, the sites
    kept for hosts (ops.sites) and Wagtail's site root paths."""
    yield
    site_lookup_clear()
    Site.clear_site_root_paths_cache()
