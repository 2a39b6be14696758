"""Journey 1: a visitor reads the landing page, opens recommendation 3, switches
to French and back, and searches for "opvang"."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import screenshot

pytestmark = pytest.mark.e2e

recommendation_3 = "Permanente opvang voor alle dakloze doelgroepen"


def test_visitor_reads_a_recommendation_switches_language_and_searches(site, desktop: Page):
    page = desktop
    page.goto(site.url + "/nl/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_have_text("Kies voor een gemeente met ambitie")
    expect(page.locator(".hero .eyebrow")).to_have_text("Gemeenteraadsverkiezingen 2018")
    cards = page.locator(".cards > li")
    expect(cards).to_have_count(10)
    expect(cards.locator(".card-number")).to_have_text([str(n) for n in range(1, 11)])

    cards.nth(2).get_by_role("link").click()
    expect(page).to_have_url(site.url + "/nl/aanbevelingen/permanente-opvang/")
    expect(page.locator("h1")).to_have_text(recommendation_3)
    expect(page.locator(".recommendation-number")).to_contain_text("3")

    page.locator(".language-switcher a[hreflang=fr]").click()
    # The French page may have its own slug: only the language prefix is certain.
    expect(page).to_have_url(re.compile(r"/fr/.+/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(".site-search button")).to_have_text("Rechercher")

    page.locator(".language-switcher a[hreflang=nl]").click()
    expect(page).to_have_url(site.url + "/nl/aanbevelingen/permanente-opvang/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    page.get_by_role("searchbox").fill("opvang")
    page.get_by_role("searchbox").press("Enter")
    expect(page).to_have_url(site.url + "/nl/search/?q=opvang")
    results = page.locator(".search-results")
    expect(
        results.get_by_role("link", name="Permanente opvang voor alle dakloze doelgroepen")
    ).to_be_visible()
    screenshot(page, "journey-1-visitor")


def test_keyboard_user_skips_to_the_content_and_sees_where_the_focus_is(site, desktop: Page):
    page = desktop
    page.goto(site.url + "/nl/aanbevelingen/")
    focus_ring = "getComputedStyle(document.activeElement).outlineStyle"

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    assert page.evaluate(focus_ring) == "solid"

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("main a").first).to_be_focused()
    assert page.evaluate(focus_ring) == "solid"
