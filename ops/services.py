"""Writes of the operations app: the page cache, the record of task failures and
of periodic task runs."""

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache, purge_urls_from_cache
from wagtail.models import Page, Site

from ops.models import PeriodicTaskRun, TaskFailure

PAGE_CACHE_ALIAS = "pages"
# Where a request keeps its path's version once read (page_cache_path_version).
PATH_VERSION_ATTRIBUTE = "_page_cache_path_version"
T = TypeVar("T")

logger = logging.getLogger("ops.page_cache")


def page_cache_fragment(
    *, key: str, build: Callable[[], T], request: HttpRequest | None = None
) -> T:
    """A part of many pages (the menu, the footer) kept beside the cached pages
    and cleared with them. Like the page cache, an optimisation only: a cache
    that fails (Redis gone, a full disk) means the part is built again.

    With `request`, a part of the page it asks for (its figures, its links to
    other pages), for the renders the page cache does not answer (a visitor
    with a session, a page with a form): kept under its path's version, so it
    goes exactly when the path's cached copies do, on a clear or when a
    publish makes them stale (page_cache_paths_expire). Never in a preview."""
    timeout = settings.FRAGMENT_CACHE_SECONDS
    if timeout and request is not None:
        previewing = getattr(request, "is_preview", False)
        version = None if previewing else page_cache_path_version(request)
        if version is None:
            return build()
        key = f"{key}:{page_cache_version_key(request.path)}:{version}"
    cache = caches[PAGE_CACHE_ALIAS]
    try:
        value = cache.get(key) if timeout else None
    except Exception:
        logger.warning("Fragment cache read failed; building %s", key, exc_info=True)
        value = None
    if value is None:
        value = build()
        if timeout:
            try:
                cache.set(key, value, timeout)
            except Exception:
                logger.warning("Fragment cache write failed for %s", key, exc_info=True)
    return value


def page_cache_path_version(request: HttpRequest) -> str | None:
    """The current version of the request's path, read once per request: the
    page cache middleware, when it looks the page up, and every part of the
    page are kept under the same one (a publish during the render makes them
    all stale together). None when the cache fails."""
    if not hasattr(request, PATH_VERSION_ATTRIBUTE):
        version_key = page_cache_version_key(request.path)
        try:
            version = caches[PAGE_CACHE_ALIAS].get(version_key)
        except Exception:
            logger.warning("Page cache read failed; building the part", exc_info=True)
            version = None
        else:
            version = version or page_cache_version_create(version_key)
        setattr(request, PATH_VERSION_ATTRIBUTE, version)
    return getattr(request, PATH_VERSION_ATTRIBUTE)


def page_cache_version_create(version_key: str) -> str | None:
    """A path's first version, or its version again after eviction or a clear:
    a new token, never None, so a copy stored under an older token (or before a
    clear that raced with its render) never matches again. `add` lets one of
    two requests that race here win, and both use its token. None when the
    cache fails: the caller then serves or builds without it."""
    cache = caches[PAGE_CACHE_ALIAS]
    try:
        cache.add(version_key, uuid.uuid4().hex, timeout=None)
        return cache.get(version_key)
    except Exception:
        logger.warning("Page cache write failed; serving uncached", exc_info=True)
        return None


def page_cache_version_key(path: str) -> str:
    """Where the version of one path's cached copies is kept: a cached response
    counts only while the version it was stored under is still the current one."""
    return "page-version:" + hashlib.sha256(path.encode()).hexdigest()


def page_cache_paths_expire(*, paths: Iterable[str]) -> None:
    """Make every cached copy of these paths stale, whatever their query string
    or host: each gets a new version token (not a counter, so a version lost to
    eviction never comes back equal to an old one). Versions never expire: there
    is one per path a publish touched, as many as the site has pages. A CDN in
    front (if any) is purged of them too: Wagtail purges it of a published
    page, not of the listings, links and totals that show it.

    Called after the change committed (a publish, an application): a cache
    that cannot take the new versions (Redis gone, a full disk) must neither
    fail the request nor leave the old copies to be served, so the whole
    cache is cleared instead, which frees space rather than taking it."""
    paths = set(paths)
    versions = {page_cache_version_key(path): uuid.uuid4().hex for path in paths}
    try:
        caches[PAGE_CACHE_ALIAS].set_many(versions, timeout=None)
    except Exception:
        logger.warning("Page cache expiry failed; clearing the page cache", exc_info=True)
        page_cache_clear()
    if settings.WAGTAILFRONTENDCACHE:
        purge_urls_from_cache(
            [site.root_url + iri_to_uri(path) for site in Site.objects.all() for path in paths]
        )


def page_cache_clear() -> None:
    """Forget every cached page, and the menu and footer kept beside them: for a
    change that may show on any page (a section of the menu, a setting, a move).
    A cache that cannot be cleared (Redis gone) serves no copy while it is
    gone: the failure is logged, not raised into the request that made the
    change."""
    try:
        caches[PAGE_CACHE_ALIAS].clear()
    except Exception:
        logger.error("Page cache clear failed", exc_info=True)


def page_cache_clear_everywhere() -> None:
    """Forget every cached page here and in the CDN, for a change that any page
    may show and Wagtail does not purge by itself: a view restriction on a page
    or a collection, a snippet (a theme's name), a setting (the footer). Wagtail
    purges the CDN on publish, move and unpublish, not on these."""
    page_cache_clear()
    if settings.WAGTAILFRONTENDCACHE:
        purge_pages_from_cache(Page.objects.live().specific())


def task_failure_record(
    *, task_name: str, task_id: str, exception: str, traceback: str
) -> TaskFailure:
    """Keep one failure for the dashboard and drop those older than the retention."""
    cutoff = timezone.now() - timedelta(days=settings.TASK_FAILURE_RETENTION_DAYS)
    TaskFailure.objects.filter(failed_at__lt=cutoff).delete()
    return TaskFailure.objects.create(
        task_name=task_name, task_id=task_id, exception=exception, traceback=traceback
    )


def periodic_task_run_record(*, task_name: str, state: str) -> None:
    """Note that a beat-scheduled task has just run, whatever its outcome: the
    record says beat and a worker are alive; a failure is also a TaskFailure."""
    PeriodicTaskRun.objects.update_or_create(
        task_name=task_name, defaults={"last_run_at": timezone.now(), "last_state": state}
    )
