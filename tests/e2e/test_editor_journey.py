"""Journey 3, the editor's part: log in to the Wagtail admin, edit a
recommendation, publish it, and see the change on the site."""

import pytest
from playwright.sync_api import Page, expect

from recommendations.models import RecommendationPage
from tests.e2e.admin import admin_log_in, editor_create
from tests.e2e.browser import screenshot

pytestmark = pytest.mark.e2e


def test_editor_edits_publishes_and_sees_the_change_on_the_site(site, desktop: Page):
    page = desktop
    recommendation = RecommendationPage.objects.get(number=3, locale__language_code="nl")
    new_lead = "Elke gemeente biedt het hele jaar opvang, dag en nacht, voor iedereen zonder dak."

    admin_log_in(page, site.url, editor_create())

    page.goto(f"{site.url}/admin/pages/{recommendation.pk}/edit/")
    page.locator("#id_lead").fill(new_lead)
    page.locator(".w-dropdown__toggle.button").click()
    page.locator("button[name=action-publish]").click()
    expect(page.locator(".messages .success")).to_contain_text(recommendation.title)

    page.goto(site.url_of(recommendation))
    expect(page.locator(".recommendation .lead")).to_have_text(new_lead)
    page.goto(site.url + "/nl/")
    expect(page.locator(".cards > li").nth(2)).to_contain_text(new_lead)
    screenshot(page, "journey-3-editor")
