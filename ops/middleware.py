"""The public page cache, and the Content-Security-Policy header.

What the page cache stores: a GET of a public page (a path under a language prefix such as
/nl/) from a visitor without a session or flash-message cookie, answered with
200, not streamed, not marked private, and setting no cookie. The last rule is
what keeps CSRF tokens personal: Django's CSRF middleware sets the csrftoken
cookie on every response whose page used a token, so a page with a form is
never stored and no visitor can receive another visitor's token. A visitor with
a session (editors, password-protected pages) always gets a fresh render.

The lookup runs before the session and authentication middleware, so a hit
touches neither the database nor the session. Every response for a public path
carries X-Cache: HIT or MISS.
"""

import hashlib
from collections.abc import Callable
from functools import cached_property

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.cache import get_max_age, patch_cache_control

from ops.services import PAGE_CACHE_ALIAS


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        if not settings.PAGE_CACHE_SECONDS:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.cache = caches[PAGE_CACHE_ALIAS]
        self.timeout = settings.PAGE_CACHE_SECONDS
        self.public_prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
        self.personal_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
        # A CDN that Wagtail purges on publish may keep what this cache keeps, as
        # long; browsers, which nobody can purge, revalidate every time.
        self.cdn = bool(settings.WAGTAILFRONTENDCACHE)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(self.public_prefixes):
            return self.get_response(request)
        cacheable = self._is_cacheable_request(request)
        key = self._key(request) if cacheable else ""
        if cacheable and (cached := self.cache.get(key)) is not None:
            cached["X-Cache"] = "HIT"
            return cached
        response = self.get_response(request)
        if cacheable and self._is_shareable(response):
            if self.cdn:
                patch_cache_control(response, max_age=0, s_maxage=self.timeout)
            self.cache.set(key, response, self.timeout)
        response["X-Cache"] = "MISS"
        return response

    def _is_cacheable_request(self, request: HttpRequest) -> bool:
        return request.method == "GET" and not any(
            name in request.COOKIES for name in self.personal_cookies
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
        # can neither poison nor fill the cache.
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return "page:" + hashlib.sha256(url.encode()).hexdigest()


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
