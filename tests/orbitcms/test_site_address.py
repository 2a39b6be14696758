"""Every absolute URL names the address the site is served at (SITE_URL, or
http://HOST:PORT in make run), not the `localhost` of a new Wagtail Site."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from recommendations.models import RecommendationIndexPage

ADDRESS = "http://127.0.0.1:8123"


def _absolute_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|content)="(https?://[^"]+)"', html)


@pytest.fixture
def served_at_address(campaign):
    call_command("set_site_address", url=ADDRESS)


def test_canonical_and_hreflang_links_name_the_site_address(client, served_at_address):
    home = client.get("/nl/").text

    assert f'<link rel="canonical" href="{ADDRESS}/nl/">' in home
    for code in ("nl", "fr", "en"):
        assert f'hreflang="{code}" href="{ADDRESS}/{code}/"' in home
    # Links to other sites aside, no URL names another address of this one.
    assert not [
        url for url in _absolute_urls(home) if re.match(r"https?://(localhost|testserver)", url)
    ]


def test_the_sitemap_and_the_print_view_name_the_site_address(client, served_at_address):
    locations = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").text)
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    printed = client.get(f"{index.url}print/").text

    assert locations and all(url.startswith(f"{ADDRESS}/") for url in locations)
    assert f"{ADDRESS}{index.url}" in printed
    assert "localhost" not in printed


def test_the_api_names_the_site_address(client, served_at_address):
    pages = client.get("/api/v2/pages/?type=recommendations.RecommendationPage&locale=fr").json()

    meta = [page["meta"] for page in pages["items"]]
    assert meta and all(m["detail_url"].startswith(f"{ADDRESS}/api/v2/pages/") for m in meta)
    assert all(m["html_url"].startswith(f"{ADDRESS}/fr/") for m in meta)


def test_an_https_address_is_written_as_https(client, campaign):
    call_command("set_site_address", url="https://campagne.orbitvzw.be")

    assert (
        '<link rel="canonical" href="https://campagne.orbitvzw.be/nl/">' in client.get("/nl/").text
    )


def test_an_address_wagtail_cannot_write_is_refused(campaign):
    with pytest.raises(ImproperlyConfigured, match="HTTPS is served on port 443 only"):
        call_command("set_site_address", url="https://campagne.orbitvzw.be:8443")
