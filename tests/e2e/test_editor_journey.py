"""Journey 3, the editor's part: log in to the Wagtail admin, edit a
recommendation, publish it, and see the change on the site."""

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Page, expect

from recommendations.models import RecommendationPage
from tests.e2e.browser import screenshot

pytestmark = pytest.mark.e2e

PASSWORD = "redactie-wachtwoord-2018"


@pytest.fixture
def editor(site) -> User:
    """An ORBIT editor: in Wagtail's Moderators group, the default group that may
    edit and publish pages (Wagtail's "Editors" may only submit for moderation)."""
    user = User.objects.create_user("redactie", "redactie@orbitvzw.be", PASSWORD)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_editor_edits_publishes_and_sees_the_change_on_the_site(site, editor, desktop: Page):
    page = desktop
    recommendation = RecommendationPage.objects.get(number=3, locale__language_code="nl")
    new_lead = "Elke gemeente biedt het hele jaar opvang, dag en nacht, voor iedereen zonder dak."

    page.goto(site.url + "/admin/login/")
    # Fields found by id, whatever language the admin speaks.
    page.locator("#id_username").fill(editor.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(site.url + "/admin/")

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
