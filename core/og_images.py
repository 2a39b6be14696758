"""The social-card image of a page without an image of its own: its title and
"ORBIT vzw" drawn on the campaign's colour, 1200x630 as Open Graph asks."""

import hashlib
import io
import textwrap
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from wagtail.models import Page

SIZE = (1200, 630)
BACKGROUND = "#0b4f5c"  # the campaign petrol of orbit.css (--petrol)
ACCENT = "#ffd166"  # --sun
TEXT = "#ffffff"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@cache
def _font(size: int, *, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = DEJAVU / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    # Pillow's own font scales since Pillow 10.1: the image stays legible without DejaVu.
    return ImageFont.load_default(size)


def og_image_title(page: Page) -> str:
    return page.seo_title or page.title


def og_image_version(page: Page) -> str:
    """Changes with the title drawn, so a renamed page gets a new image URL
    past every cache that kept the old one."""
    return hashlib.sha256(og_image_title(page).encode()).hexdigest()[:12]


def og_image_render(*, title: str) -> bytes:
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, SIZE[1]), fill=ACCENT)
    title_font = _font(64, bold=True)
    lines = textwrap.wrap(title, width=28)[:5]
    y = 90
    for line in lines:
        draw.text((90, y), line, font=title_font, fill=TEXT)
        y += 82
    draw.text((90, SIZE[1] - 120), "ORBIT vzw", font=_font(48, bold=True), fill=ACCENT)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
