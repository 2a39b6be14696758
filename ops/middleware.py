"""The public page cache, and the Content-Security-Policy header.

What the page cache stores: a GET of a public page (a path under a language prefix such as
/nl/) from a visitor without a session or flash-message cookie, answered with
200, not streamed, not marked private, and setting no cookie. The last rule is
what keeps CSRF tokens personal: Django's CSRF middleware sets the csrftoken
cookie on every response whose page used a token, so a page with a form is
never stored and no visitor can receive another visitor's token. A visitor with
a session (editors, password-protected pages) always gets a fresh render.

The lookup runs before every other middleware, so a hit touches neither the
database nor the session, and a copy is stored with the headers the security
and policy middleware gave its render: a hit carries them unchanged. Each copy is stored with its
path's version (ops.services.page_cache_paths_expire): a publish gives the
paths that show the page a new version, which makes their copies stale, and
leaves every other copy in place. Reading a copy and its path's version is one
round trip to the cache. Each worker also keeps the copies it served lately
in its own memory (WorkerCopies): a repeated hit then reads only the path's
version, a few bytes, instead of the whole page, and serves that copy only
while the version is still the one it was stored under and until the moment
the shared copy expires. What is served, and when it goes stale, are the same
as for the shared copy. Every response for a public path carries X-Cache: HIT
or MISS. A copy keeps its body gzipped beside the plain one, compressed once
when stored: a hit gives it to a client that accepts gzip.

The cache is an optimisation, never a dependency: a read or a write that fails
(Redis gone, a full disk under the file cache) is a miss, logged as a warning,
and the page is rendered as if there were no cache.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import cached_property

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import re_accepts_gzip
from django.urls import reverse
from django.utils.cache import get_max_age, patch_cache_control, patch_vary_headers
from django.utils.text import compress_string

from ops.services import (
    PAGE_CACHE_ALIAS,
    PATH_VERSION_ATTRIBUTE,
    page_cache_version_create,
    page_cache_version_key,
)
from ops.sites import site_lookup_kept

logger = logging.getLogger("ops.page_cache")


# A stored page: the version of its path it was stored under, the time (epoch
# seconds) it expires in the shared cache, and what a hit needs of it: status,
# headers, body, and the body gzipped (None where that is no shorter). Plain
# values, not the HttpResponse: they unpickle faster and carry nothing a hit
# must not repeat (the response's cookies object, its closers, its request).
Entry = tuple[str, float, int, list[tuple[str, str]], bytes, bytes | None]


def _entry(version: str, timeout: int, response: HttpResponse) -> Entry:
    expires = time.time() + timeout
    body = response.content
    # Compressed once, when stored, not on every hit: a browser, which
    # accepts gzip, gets a tenth of the bytes (the municipalities overview:
    # 86 kB, 10 kB gzipped). Safe from BREACH, which needs a secret in the
    # compressed page: a stored page holds no CSRF token and nothing personal.
    gzipped = compress_string(body)
    shorter = gzipped if len(gzipped) < len(body) else None
    return (version, expires, response.status_code, list(response.items()), body, shorter)


def _size(entry: Entry) -> int:
    return len(entry[4]) + len(entry[5] or b"")


class WorkerCopies:
    """The copies one worker served lately, most recent last, up to `max_bytes`
    of bodies. They spare a hit reading the body from the shared cache, which
    for a large page (the municipalities overview) costs more than the rest
    of the hit; the shared cache still decides, by the path's version, whether
    a copy may be served. A lock, since a threaded server shares the middleware."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry[1] <= time.time():
                self._remove(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        if _size(entry) > self.max_bytes:
            return
        with self.lock:
            if key in self.entries:
                self._remove(key)
            self.entries[key] = entry
            self.size += _size(entry)
            while self.size > self.max_bytes:
                self._remove(next(iter(self.entries)))

    def _remove(self, key: str) -> None:
        self.size -= _size(self.entries.pop(key))


class PageCacheMiddleware:
    # Bodies kept per worker, the most recently served first: every page of
    # the site in its three languages (some 1,700 town pages of 15 kB among
    # them) is about 30 MB, and gunicorn runs a few workers.
    WORKER_COPIES_BYTES = 32 * 1024 * 1024

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.worker_copies = WorkerCopies(self.WORKER_COPIES_BYTES)
        self.public_prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
        self.personal_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # Read per request, not at start-up: a server that is already running
        # follows a change of these settings (the fault-injection tests rely on it).
        timeout = settings.PAGE_CACHE_SECONDS
        if not timeout or not request.path.startswith(self.public_prefixes):
            return self.get_response(request)
        if not self._is_cacheable_request(request):
            response = self.get_response(request)
            response["X-Cache"] = "MISS"
            return response
        key = self._key(request)
        version_key = page_cache_version_key(request.path)
        cached = self.worker_copies.get(key)
        if cached is None or self._read_version(version_key) != cached[0]:
            cached, version = self._read(key, version_key)
            if cached is not None:
                self.worker_copies.put(key, cached)
            # The parts of the page are kept under the version its copy will be.
            setattr(request, PATH_VERSION_ATTRIBUTE, version)
        if cached is not None:
            return self._hit(request, cached)
        response = self.get_response(request)
        if self._is_shareable(response):
            # The same URL answers gzipped or not, by the request's header:
            # a CDN in front keeps the two apart.
            patch_vary_headers(response, ("Accept-Encoding",))
            # A CDN that Wagtail purges on publish may keep what this cache keeps,
            # as long; browsers, which nobody can purge, revalidate every time.
            if settings.WAGTAILFRONTENDCACHE:
                patch_cache_control(response, max_age=0, s_maxage=timeout)
            # Stored under the version read before rendering: a publish or a
            # clear that lands during the render makes this copy stale at once.
            if version is not None:
                self._write(key, _entry(version, timeout, response), timeout)
        response["X-Cache"] = "MISS"
        return response

    @staticmethod
    def _hit(request: HttpRequest, cached: Entry) -> HttpResponse:
        _version, _expires, status, headers, body, gzipped = cached
        accepted = re_accepts_gzip.search(request.headers.get("Accept-Encoding", ""))
        if gzipped is None or not accepted:
            response = HttpResponse(body, status=status, headers=headers)
        else:
            response = HttpResponse(gzipped, status=status, headers=headers)
            response["Content-Length"] = str(len(gzipped))
            response["Content-Encoding"] = "gzip"
        response["X-Cache"] = "HIT"
        return response

    @staticmethod
    def _read(key: str, version_key: str) -> tuple[Entry | None, str | None]:
        """The cached copy if its path's version is unchanged, and that
        version: one round trip to the cache for both."""
        try:
            found = caches[PAGE_CACHE_ALIAS].get_many([key, version_key])
        except Exception:
            logger.warning("Page cache read failed; rendering the page", exc_info=True)
            return None, None
        version = found.get(version_key) or page_cache_version_create(version_key)
        entry = found.get(key)
        # Entries of another form (a whole response or a shorter tuple, as
        # older code stored) are misses.
        if not (isinstance(entry, tuple) and len(entry) == 6 and entry[0] == version):
            return None, version
        return entry, version

    @staticmethod
    def _read_version(version_key: str) -> str | None:
        """The path's current version alone: all a worker needs to serve a
        copy it already holds. None when the cache cannot say (a miss)."""
        try:
            return caches[PAGE_CACHE_ALIAS].get(version_key)
        except Exception:
            logger.warning("Page cache read failed; rendering the page", exc_info=True)
            return None

    @staticmethod
    def _write(key: str, entry: Entry, timeout: int) -> None:
        try:
            caches[PAGE_CACHE_ALIAS].set(key, entry, timeout)
        except Exception:
            logger.warning("Page cache write failed; the page is served uncached", exc_info=True)

    def _is_cacheable_request(self, request: HttpRequest) -> bool:
        # A plain-HTTP request that the security middleware redirects to HTTPS
        # is never answered from the cache, even by a copy stored before the
        # redirect was switched on: it gets its redirect (and HSTS after it).
        insecure_redirected = settings.SECURE_SSL_REDIRECT and not request.is_secure()
        return (
            request.method == "GET"
            and not insecure_redirected
            and not any(name in request.COOKIES for name in self.personal_cookies)
        )

    @staticmethod
    def _is_shareable(response: HttpResponseBase) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and get_max_age(response) != 0
        )

    @staticmethod
    def _key(request: HttpRequest) -> str:
        # get_host() refuses hosts outside ALLOWED_HOSTS, so a forged Host header
        # can neither poison nor fill the cache. "page-v:": entries of the form
        # stored before versions (a bare response) are never read.
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return "page-v:" + hashlib.sha256(url.encode()).hexdigest()


class SiteLookupMiddleware:
    """Gives a request for a public page the Wagtail site kept for its host
    (ops.sites) where `Site.find_for_request` keeps the one it finds, so that
    Wagtail does not look it up again; without a kept site, and on the other
    routes (the admin, the API), Wagtail looks it up as usual."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.public_prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path.startswith(self.public_prefixes):
            site = site_lookup_kept(request)
            if site is not None:
                request._wagtail_site = site
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy from settings, with one allowance for the Wagtail admin:
    its date and time pickers are started by inline scripts, so admin pages
    (behind a login, never cached) may run inline scripts. Public pages may not."""

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(self.admin_prefix):
            parts.update = {**(parts.update or {}), "script-src": ["'unsafe-inline'"]}
        return parts
