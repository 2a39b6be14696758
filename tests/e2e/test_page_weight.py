"""What each page type costs a visitor on a phone: requests and bytes over the
wire, on a first visit (empty cache). The budget (issue 13): at most 200 KB in
all at 360 px (HTML, CSS, fonts, images), images in AVIF or WebP."""

import pytest
from playwright.sync_api import Browser

from tests.e2e.browser import PHONE, page_weight, write_artifact
from tests.e2e.pages import public_page_paths

pytestmark = pytest.mark.e2e

MAX_REQUESTS = 5  # the page, the stylesheet, the icon, the logo, one picture
MAX_BYTES = 200_000
MODERN_IMAGE = (".avif", ".webp", ".svg", ".ico")


def test_every_page_type_stays_within_its_budget(site, chromium: Browser):
    weights = {}
    for name, path in public_page_paths("nl").items():
        # A new context per page: an empty cache, as on a first visit.
        context = chromium.new_context(viewport=PHONE)
        weights[name] = page_weight(context.new_page(), site.url + path)
        context.close()
    write_artifact("page-weight.json", weights)
    for name, weight in weights.items():
        assert weight["requests"] <= MAX_REQUESTS, (name, weight)
        assert weight["bytes"] <= MAX_BYTES, (name, weight)
        images = [path for path in weight["resources"] if "/media/images/" in path]
        assert all(path.endswith(MODERN_IMAGE) for path in images), (name, images)
