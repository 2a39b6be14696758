"""Which Wagtail Site answers a request, kept between requests.

Wagtail finds the site once per request (`Site.find_for_request`, which keeps
it on the request as `_wagtail_site`) with a query whose compilation alone costs
more than the rest of an uncached recommendation's routing. Sites change when an
administrator edits one, a few times a year: the site found for a host and port
is kept in the page cache's store, which every process shares (files without
Redis), under a generation that every change of a site replaces.

Each kept site carries the generation it was found under, and a request reads
both in one round trip: a site found before a change (even by a request that
raced with it) never matches again. A cache that fails means Wagtail's own
lookup, as without this module."""

import logging
import uuid

from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from ops.services import PAGE_CACHE_ALIAS

logger = logging.getLogger("ops.page_cache")

GENERATION_KEY = "orbit-sites-generation"
# A bound on how long a site stays kept should a clear fail (Redis away
# while an administrator saves a site): an hour, then it is looked up again.
KEPT_SECONDS = 3600


def site_lookup_kept(request: HttpRequest) -> Site | None:
    """The site Wagtail would find for the request, from the cache where a
    lookup under the current generation kept it; None for a host outside
    ALLOWED_HOSTS (refused further down, and never a key of the cache), for
    no site (Wagtail's own answer then too) or when the cache cannot say."""
    try:
        hostname, _port = split_domain_port(request.get_host())
    except DisallowedHost:
        return None
    port = request.get_port()
    key = f"orbit-site:{hostname}:{port}"
    cache = caches[PAGE_CACHE_ALIAS]
    try:
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
            generation = cache.get(GENERATION_KEY)
    except Exception:
        logger.warning("Site cache read failed; Wagtail looks the site up", exc_info=True)
        return None
    if generation is None:  # a cache that ignores its errors (django-redis)
        return None
    kept = found.get(key)
    if isinstance(kept, tuple) and kept[0] == generation:
        return kept[1]
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    try:
        cache.set(key, (generation, site), timeout=KEPT_SECONDS)
    except Exception:
        logger.warning("Site cache write failed; the site is looked up again", exc_info=True)
    return site


def site_lookup_clear() -> None:
    """Forget every kept site: the next request of each host looks it up again."""
    try:
        caches[PAGE_CACHE_ALIAS].set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.warning("Site cache clear failed; kept sites expire within the hour", exc_info=True)
