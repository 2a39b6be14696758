"""Share links on every page: plain links (no script) that carry the page's
absolute URL and title, url-encoded, in the page's language."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from recommendations.models import RecommendationPage

pytestmark = pytest.mark.django_db

NETWORKS = {"email", "whatsapp", "bluesky", "x", "facebook", "linkedin"}


def _share_links(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    links = soup.select("aside.share a.share-link")
    return {a["class"][1].removeprefix("share-"): a["href"] for a in links}


def _shared_values(href: str) -> list[str]:
    """Every value the share link passes on, decoded once."""
    query = parse_qs(urlsplit(href).query)
    return [value for values in query.values() for value in values]


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_recommendation_share_links_carry_its_full_url(client, campaign, language):
    page = RecommendationPage.objects.get(number=2, locale__language_code=language)
    response = client.get(page.url)
    full_url = page.get_full_url()
    assert full_url.startswith("http") and f"/{language}/" in full_url

    links = _share_links(response.content.decode())

    assert set(links) == NETWORKS
    for network, href in links.items():
        # The address is url-encoded in the link, so it is one parameter value.
        assert full_url not in href, network
        values = _shared_values(href)
        assert any(full_url in value for value in values), (network, values)
    assert page.title in _shared_values(links["email"])
    assert links["email"].startswith("mailto:")


def test_share_heading_is_translated(client, campaign):
    page = RecommendationPage.objects.get(number=2, locale__language_code="fr")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert soup.select_one("#share-heading").get_text() == "Partager cette page"


def test_site_has_no_share_script(client, campaign):
    soup = BeautifulSoup(client.get("/nl/").content, "html.parser")
    assert soup.select("aside.share a.share-link")
    assert not soup.find("script", src=True)
