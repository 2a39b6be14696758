"""The campaign design in the browser: the main menu on one row at 1280 px in
every language (its short menu titles, each on one line), the open menu and its
search button inside a 320 px screen, and screenshots of the home and a
recommendation page at 360 and 1280 px under test-artifacts/design/ for a
person to judge."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from recommendations.models import RecommendationPage
from tests.e2e.pages import LANGUAGES

pytestmark = pytest.mark.e2e

DESIGN_ARTIFACTS = settings.BASE_DIR / "test-artifacts" / "design"
SCROLL_WIDTH = "document.documentElement.scrollWidth"
# How many lines each element's text takes: its text's line boxes, by their tops.
LINES_PER_ELEMENT = """elements => elements.map(element => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
})"""


def _box(locator) -> dict:
    box = locator.bounding_box()
    assert box is not None
    return box


def test_menu_fits_at_1280_and_320_and_the_pages_are_captured(site, desktop: Page):
    page = desktop
    for language in LANGUAGES:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{site.url}/{language}/")
        items = page.locator(".primary-nav li")
        assert items.count() >= 4
        tops = {round(_box(items.nth(i))["y"]) for i in range(items.count())}
        assert len(tops) == 1, f"{language}: the menu takes {len(tops)} rows"
        # One row of one line: no item wraps its title onto a second line.
        lines = page.locator(".primary-nav a").evaluate_all(LINES_PER_ELEMENT)
        assert lines == [1] * items.count(), f"{language}: lines per menu item {lines}"
        last = _box(items.last)
        assert last["x"] + last["width"] <= 1280
        assert page.evaluate(SCROLL_WIDTH) <= 1280

        page.set_viewport_size({"width": 320, "height": 700})
        page.goto(f"{site.url}/{language}/")
        page.locator(".site-menu summary").click()
        search_button = page.locator(".site-menu .site-search button")
        expect(search_button).to_be_visible()
        for part in (search_button, page.locator(".site-menu .language-switcher")):
            box = _box(part)
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320, language
        assert page.evaluate(SCROLL_WIDTH) <= 320, f"{language}: the open menu scrolls sideways"

    recommendation = RecommendationPage.objects.get(number=2, locale__language_code="nl")
    DESIGN_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in (("home", "/nl/"), ("recommendation", recommendation.get_url())):
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(site.url + path)
            page.screenshot(path=DESIGN_ARTIFACTS / f"{name}-{width}.png", full_page=True)
