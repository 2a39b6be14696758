"""Open Graph and Twitter card metadata on every page, and the card image
drawn from a page's title when the page has no image of its own."""

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from wagtail.models import Page

from recommendations.models import RecommendationPage

pytestmark = pytest.mark.django_db


def _meta(html: bytes) -> dict[str, list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    found: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            found.setdefault(key, []).append(tag.get("content", ""))
    return found


def test_recommendation_card_meta_points_at_its_generated_image(client, campaign):
    page = RecommendationPage.objects.get(number=2, locale__language_code="fr")
    meta = _meta(client.get(page.url).content)

    assert meta["og:title"] == [page.title]
    assert meta["og:url"] == [page.get_full_url()]
    assert meta["og:description"][0]
    assert meta["og:locale"] == ["fr_BE"]
    assert sorted(meta["og:locale:alternate"]) == ["en_GB", "nl_BE"]
    assert meta["twitter:card"] == ["summary_large_image"]
    [image_url] = meta["og:image"]
    assert image_url.startswith("http://") and f"/og/{page.pk}.png?v=" in image_url
    assert meta["twitter:image"] == [image_url]

    # The image the tag names is there, as a 1200x630 PNG, cached for long.
    response = client.get(image_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age=31536000" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_every_page_type_has_an_og_image(client, campaign):
    for page in Page.objects.filter(depth__gte=2, locale__language_code="nl").live():
        meta = _meta(client.get(page.url).content)
        assert meta.get("og:image", [""])[0].startswith("http"), page.url


def test_no_card_image_for_a_draft(client, campaign):
    page = RecommendationPage.objects.get(number=3, locale__language_code="nl")
    page.unpublish()
    assert client.get(f"/og/{page.pk}.png").status_code == 404
