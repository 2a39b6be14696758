"""ORBIT's logo in the header: the project's own SVG, or the image editors
chose in the site settings."""

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Site

from core.models import SiteSettings

pytestmark = pytest.mark.django_db


def _header_logo(client) -> dict:
    soup = BeautifulSoup(client.get("/nl/").content, "html.parser")
    return soup.select_one(".site-header .brand img.brand-logo").attrs


def test_header_shows_the_shipped_svg_logo(client, campaign):
    logo = _header_logo(client)
    assert logo["src"].endswith(".svg") and logo["alt"] == "ORBIT vzw"
    svg = finders.find("img/orbit-logo.svg")
    assert svg and "ORBIT" in Path(svg).read_text(encoding="utf-8")


def test_editors_logo_replaces_it_as_a_webp_rendition(client, campaign):
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 120), "#ffd166").save(buffer, "PNG")
    image = Image.objects.create(
        title="Logo", description="ORBIT", file=ImageFile(buffer, name="logo.png")
    )
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.logo = image
    site_settings.save()

    logo = _header_logo(client)

    assert logo["height"] == "48" and logo["width"] == "160"
    assert logo["src"] == image.renditions.get().url and logo["src"].endswith(".webp")
