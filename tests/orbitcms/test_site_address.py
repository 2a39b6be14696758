"""Every absolute URL names the address the site is served at (SITE_URL, or
http://HOST:PORT in make run), not the `localhost` of a new Wagtail Site."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from recommendations.models import RecommendationIndexPage
from tests.markup import sitemap_locations, soup

ADDRESS = "http://127.0.0.1:8123"


def _absolute_urls(page: BeautifulSoup) -> list[str]:
    """Every absolute address the page's links and meta tags carry."""
    values = [tag.get(name) for tag in page.find_all(True) for name in ("href", "content")]
    return [value for value in values if value and re.match(r"https?://", value)]


@pytest.fixture
def served_at_address(campaign):
    call_command("set_site_address", url=ADDRESS)


def test_canonical_and_hreflang_links_name_the_site_address(client, served_at_address):
    home = soup(client.get("/nl/"))

    assert home.find("link", rel="canonical")["href"] == f"{ADDRESS}/nl/"
    for code in ("nl", "fr", "en"):
        assert home.find("link", rel="alternate", hreflang=code)["href"] == f"{ADDRESS}/{code}/"
    # Links to other sites aside, no URL names another address of this one.
    assert not [
        url for url in _absolute_urls(home) if re.match(r"https?://(localhost|testserver)", url)
    ]


def test_the_sitemap_and_the_print_view_name_the_site_address(client, served_at_address):
    locations = sitemap_locations(client.get("/sitemap.xml"))
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

    canonical = soup(client.get("/nl/")).find("link", rel="canonical")
    assert canonical["href"] == "https://campagne.orbitvzw.be/nl/"


def test_an_address_wagtail_cannot_write_is_refused(campaign):
    with pytest.raises(ImproperlyConfigured, match="HTTPS is served on port 443 only"):
        call_command("set_site_address", url="https://campagne.orbitvzw.be:8443")
