"""Writes that concern the site as a whole: its address, and keeping the
wagtail-localize translations of its pages up to date."""

import logging
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import TranslationSource

logger = logging.getLogger(__name__)

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address_set(*, url: str) -> Site:
    """Give the default Wagtail Site the public address `url` (scheme, host and
    port), from which Wagtail builds every absolute URL: canonical and hreflang
    links, the sitemap, the print view, the API. Its hostname stays `localhost`
    otherwise, whatever address the site is served at."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or parts.path.strip("/"):
        raise ImproperlyConfigured(f"SITE_URL {url!r}: write https://host or http://host:port.")
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    if parts.scheme == "https" and port != 443:
        # Wagtail writes any port but 443 as http://host:port.
        raise ImproperlyConfigured(f"SITE_URL {url!r}: HTTPS is served on port 443 only.")
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = parts.hostname, port
    site.save(update_fields=["hostname", "port"])
    return site


def page_translations_sync(*, page_id: int) -> int:
    """What wagtail-localize's "Sync translated pages" does (without publishing)
    for one published source page: its segments are read again from the page,
    so every text that changed has no translation yet and shows as untranslated
    in the translation editor of each language, where a translator fills it in
    and publishes. The live translated pages are not touched: wagtail-localize
    would write the Dutch text into them for every untranslated segment.
    Returns how many translations now wait for their translator."""
    page = Page.objects.filter(pk=page_id).specific().first()
    source = page and TranslationSource.objects.get_for_instance_or_none(page)
    if source is None:
        return 0
    with transaction.atomic():
        source.update_from_db()
        translations = source.translations.filter(enabled=True).select_related("target_locale")
        for translation in translations:
            source.update_target_view_restrictions(translation.target_locale)
    return sum(done < total for total, done in (t.get_progress() for t in translations))


def page_translations_sync_enqueue(*, page: Page) -> None:
    """After a source-language page is published (and committed), sync its
    translations on the Celery worker. Pages that were never translated, and
    translations themselves, have nothing to sync."""
    if page.locale_id != Locale.get_default().pk:
        return
    if TranslationSource.objects.get_for_instance_or_none(page) is None:
        return
    page_id = page.pk
    transaction.on_commit(lambda: _enqueue(page_id))


def _enqueue(page_id: int) -> None:
    from home.tasks import sync_page_translations

    try:
        sync_page_translations.apply_async((page_id,), retry=False)
    except (BrokerError, OSError):
        # The page is published all the same; "Sync translated pages" in the
        # page's menu does the same by hand.
        logger.warning("Broker unreachable; translations of page %s not synced", page_id)
