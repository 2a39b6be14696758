"""Writes that concern the site as a whole."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

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
