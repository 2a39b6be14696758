"""Journey 4: the same pages on a 360 px wide phone: nothing scrolls sideways
and the menu opens, shows the sections and the search, and leads somewhere."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import screenshot
from tests.e2e.pages import public_page_paths

pytestmark = pytest.mark.e2e

SCROLL_WIDTH = "document.documentElement.scrollWidth"


def test_every_page_fits_a_360px_phone_and_its_menu_works(site, phone: Page):
    page = phone
    for name, path in public_page_paths("nl").items():
        page.goto(site.url + path)
        assert page.evaluate(SCROLL_WIDTH) <= 360, f"{name} scrolls sideways"
        menu = page.locator(".site-menu")
        expect(menu.get_by_role("searchbox")).to_be_hidden()
        menu.locator("summary").click()
        expect(menu.get_by_role("searchbox")).to_be_visible()
        expect(menu.locator(".language-switcher a")).to_have_count(3)
        assert page.evaluate(SCROLL_WIDTH) <= 360, f"{name} with the menu open scrolls sideways"

    page.goto(site.url + "/nl/")
    page.locator(".site-menu summary").click()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link").first.click()
    expect(page).to_have_url(site.url + "/nl/aanbevelingen/")
    expect(page.locator(".recommendation-list > li")).to_have_count(10)
    assert page.evaluate(SCROLL_WIDTH) <= 360
    page.locator(".site-menu summary").click()
    page.get_by_role("searchbox").fill("opvang")
    page.get_by_role("searchbox").press("Enter")
    expect(page.locator(".search-results").get_by_role("link").first).to_be_visible()
    screenshot(page, "journey-4-phone")
