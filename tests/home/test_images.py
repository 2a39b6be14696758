"""Images editors choose: the home page's hero and a recommendation's image,
served as responsive <picture> renditions (AVIF and WebP, a JPEG fallback)
with the image's required description as alt text."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from home.illustrations import HERO_ALT
from home.models import HomePage
from recommendations.models import RecommendationPage

pytestmark = pytest.mark.django_db


def _picture(html: bytes, selector: str):
    return BeautifulSoup(html, "html.parser").select_one(f"{selector} picture")


def _assert_responsive(picture, alt: str) -> None:
    sources = {source["type"]: source for source in picture.find_all("source")}
    assert list(sources) == ["image/avif", "image/webp"]
    for source in sources.values():
        assert len(source["srcset"].split(",")) == 2 and source["sizes"]
    img = picture.find("img")
    assert img["src"].endswith(".jpg") and img["alt"] == alt
    assert int(img["width"]) and int(img["height"])


@pytest.mark.parametrize("path", ["/nl/", "/fr/", "/en/"])
def test_home_hero_is_the_generated_sample_as_a_picture(client, campaign, path):
    picture = _picture(client.get(path).content, ".hero .hero-image")
    _assert_responsive(picture, HERO_ALT)
    assert Image.objects.get(description=HERO_ALT).focal_point_x is not None
    assert HomePage.objects.get(locale__language_code="nl").image.description == HERO_ALT


def test_recommendation_image_is_a_picture_and_its_share_image(client, campaign):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "#0b4f5c").save(buffer, "JPEG")
    image = Image.objects.create(
        title="Raad",
        description="De gemeenteraad in zitting",
        file=ImageFile(buffer, name="raad.jpg"),
    )
    page = RecommendationPage.objects.get(number=4, locale__language_code="nl")
    page.image = image
    page.save_revision().publish()

    html = client.get(page.url).content
    _assert_responsive(
        _picture(html, ".recommendation .recommendation-image"), "De gemeenteraad in zitting"
    )
    og_image = BeautifulSoup(html, "html.parser").find("meta", property="og:image")["content"]
    assert og_image.startswith("http://") and "/media/images/" in og_image
    assert og_image.endswith(".jpg") and "1200x630" in og_image


def test_recommendation_without_image_has_no_picture(client, campaign):
    page = RecommendationPage.objects.get(number=5, locale__language_code="nl")
    assert _picture(client.get(page.url).content, ".recommendation") is None
