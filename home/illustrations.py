"""The sample hero illustration: drawn by the project's own code (never a
fetched or third-party picture), in the campaign's colours, for editors to
replace with a photo of their own."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image

from core.services import collection_root_ensure

HERO_TITLE = "Voorbeeldillustratie ORBIT (te vervangen)"
HERO_ALT = "Getekende huizen van een gemeente onder een gele zon, met een baan eromheen"
SIZE = (1600, 900)
PETROL, PETROL_DARK, SUN, ORANGE, PAPER = "#0b4f5c", "#073640", "#ffd166", "#e8743b", "#f4f1ea"


def hero_illustration_ensure() -> Image:
    """The sample image, created once; an image editors renamed or replaced stays theirs."""
    image = Image.objects.filter(title=HERO_TITLE).first()
    if image is not None:
        return image
    # The focal point on the sun and the houses below it: phones crop around them.
    image = Image(
        title=HERO_TITLE,
        description=HERO_ALT,
        collection=collection_root_ensure(),
        file=ImageFile(io.BytesIO(_draw_town()), name="orbit-hero-sample.png"),
        focal_point_x=560,
        focal_point_y=520,
        focal_point_width=700,
        focal_point_height=560,
    )
    image.save()
    return image


def _draw_town() -> bytes:
    width, height = SIZE
    canvas = PILImage.new("RGB", SIZE, PETROL)
    draw = ImageDraw.Draw(canvas)
    # The sun and its orbit.
    draw.ellipse((420, 170, 700, 450), fill=SUN)
    draw.ellipse((180, 230, 940, 390), outline=PAPER, width=14)
    draw.ellipse((880, 236, 940, 296), fill=ORANGE)
    # A row of houses of different heights: the municipalities.
    x = 0
    heights = [260, 340, 220, 300, 380, 240, 320, 280, 360, 230]
    for i, house_height in enumerate(heights):
        house_width = width // len(heights)
        top = height - house_height
        colour = PETROL_DARK if i % 2 else "#0e6272"
        draw.rectangle((x, top, x + house_width, height), fill=colour)
        draw.polygon(
            [(x, top), (x + house_width // 2, top - 70), (x + house_width, top)], fill=colour
        )
        for row in range(2):
            for col in range(2):
                wx = x + 30 + col * (house_width // 2 - 10)
                wy = top + 40 + row * 90
                draw.rectangle(
                    (wx, wy, wx + 40, wy + 50), fill=SUN if (i + row + col) % 3 else PAPER
                )
        x += house_width
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
