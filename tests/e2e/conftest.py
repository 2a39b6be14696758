"""End-to-end fixtures: Debian's Chromium driven by Playwright against the real
site on loopback (pytest-django's live server), with the campaign loaded in
every language, a real Celery worker and a real SMTP server. Run with `make e2e`."""

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.db import connections
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    Response,
    sync_playwright,
)
from wagtail.models import Locale
from wagtail.models import Page as WagtailPage

from home.models import HomePage
from municipalities.services import municipalities_load
from tests.conftest import MailSink
from tests.e2e.browser import DESKTOP, PHONE

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    """Playwright's sync API, with Django's database connections kept usable beside it.

    The driver keeps an asyncio loop running on this thread. Django then sees an
    "async context": it refuses ORM calls, and it would hand out fresh connection
    objects, losing the test database's state that pytest-django keeps on the
    original ones (the serialized rollback). The test's ORM calls are plain
    synchronous ones on this thread, so the original connections are put back
    and the async guard is lifted for as long as the driver runs.
    """
    originals = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as driver:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, connection in originals.items():
            connections[alias] = connection
        yield driver


@pytest.fixture(scope="session")
def chromium(playwright_driver: Playwright) -> Iterator[Browser]:
    """Debian's Chromium (Playwright's own browser download is not available here)."""
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def site_translate(home: HomePage) -> None:
    """Give every language a published copy of each page that has none yet.

    The language switcher and the French and English interface are tested on
    real pages in each language; where the campaign loader already made the
    translations, nothing changes.
    """
    pages = [home, *WagtailPage.objects.descendant_of(home).order_by("path").specific()]
    for locale in Locale.objects.exclude(pk=home.locale_id):
        for page in pages:
            if not page.has_translation(locale):
                page.copy_for_translation(locale).save_revision().publish()


@dataclass
class Site:
    """The running site: its address, the mailbox of its SMTP server, the campaign's home page."""

    url: str
    mailbox: MailSink
    home: HomePage

    def url_of(self, page: WagtailPage) -> str:
        return self.url + page.get_url()


@pytest.fixture
def site(django_db_serialized_rollback, live_server, campaign, celery_worker, smtp_server) -> Site:
    # The live server needs committed data, so each test empties the database
    # afterwards; the serialized rollback brings back what the migrations made
    # (the root page, locales, Wagtail's Editors group) for the next one.
    # The cache outlives a test when it is Redis: cached pages or form rate
    # counts of an earlier test must not leak into this one.
    cache.clear()
    # The public forms take only towns of the reference list.
    municipalities_load()
    site_translate(campaign)
    return Site(url=live_server.url, mailbox=smtp_server, home=campaign)


@dataclass
class BrowserErrors:
    """What the browser reported as broken: console errors (such as scripts or
    styles the CSP refused), uncaught script errors, and stylesheets, scripts or
    images that failed to load. A page itself answering 404 is a test's business."""

    messages: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        # Chrome logs every failed load on the console; `response` tells
        # a missing stylesheet from a page that was meant to be missing.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.messages.append(f"{message.text} ({message.location.get('url')})")

    def response(self, response: Response) -> None:
        if response.status >= 400 and not response.request.is_navigation_request():
            self.messages.append(f"{response.status} {response.url}")

    def page_error(self, error: Exception) -> None:
        self.messages.append(f"uncaught: {error}")


def _tab(browser: Browser, viewport: dict, *, bypass_csp: bool = False) -> Iterator[Page]:
    """A fresh browser context and tab; the test fails if the browser reported an error."""
    errors = BrowserErrors()
    context = browser.new_context(viewport=viewport, locale="nl-BE", bypass_csp=bypass_csp)
    page = context.new_page()
    page.on("console", errors.console)
    page.on("pageerror", errors.page_error)
    page.on("response", errors.response)
    yield page
    context.close()
    assert errors.messages == [], "the browser reported errors"


@pytest.fixture
def desktop(chromium: Browser) -> Iterator[Page]:
    yield from _tab(chromium, DESKTOP)


@pytest.fixture
def phone(chromium: Browser) -> Iterator[Page]:
    yield from _tab(chromium, PHONE)


@pytest.fixture
def auditor(chromium: Browser) -> Iterator[Page]:
    """A desktop tab that lets the test inject axe-core despite the site's CSP."""
    yield from _tab(chromium, DESKTOP, bypass_csp=True)
