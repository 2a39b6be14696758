"""The editors' desk in the browser, as an ORBIT editor whose admin speaks
Dutch: decide a coaching application from its own page, and bring an outdated
French translation up to date. Each step leaves a screenshot under
test-artifacts/e2e/ and, for the editor guide, under core/static/guide/."""

import re

import pytest
from playwright.sync_api import Page, expect
from wagtail.models import Locale

from coalitions.models import CoachingPage, OutboxEmail
from recommendations.models import RecommendationPage
from tests.e2e.admin import admin_log_in, editor_create
from tests.e2e.browser import guide_screenshot
from tests.factories.coalitions import CoachingApplicationFactory

pytestmark = pytest.mark.e2e

TOWNS = ["Aalst", "Brugge", "Gent", "Hasselt", "Ieper", "Leuven", "Mechelen", "Kortrijk"]
NEW_LEAD = "Elke gemeente biedt het hele jaar opvang, dag en nacht, voor iedereen zonder dak."
FRENCH_LEAD = "Chaque commune offre un accueil toute l'année, jour et nuit, à toute personne."
TRANSLATION_REPORT = "/admin/reports/translations/"


def test_the_coordinator_declines_an_application_from_its_own_page(site, desktop: Page):
    coaching = CoachingPage.objects.get(locale__language_code="nl")
    # Seven towns take the seven slots (Gent slot 3); Kortrijk waits, first in line.
    applications = {
        town: CoachingApplicationFactory(page=coaching, municipality_name=town) for town in TOWNS
    }
    gent = applications["Gent"]
    page = desktop
    admin_log_in(page, site.url, editor_create(groups=("Moderators", "ORBIT coaching")))

    page.goto(site.url + "/admin/coaching_applications/")
    page.get_by_role("link", name="Gent", exact=True).click()
    expect(page).to_have_title(re.compile("^Gent"))
    expect(page.locator(".decision-standing")).to_contain_text("Plaats 3 van 7")
    guide_screenshot(page, "desk-1-application")

    page.locator(".decision-actions").get_by_role("link", name="Afwijzen").click()
    expect(page).to_have_title(re.compile("Gent"))
    consequences = page.locator(".decision-consequences")
    expect(consequences).to_contain_text("Gent krijgt een e-mail met de weigering.")
    expect(consequences).to_contain_text(
        "Plaats 3 gaat naar Kortrijk, eerste op de wachtlijst, die een e-mail krijgt."
    )
    guide_screenshot(page, "desk-2-decision-confirmation")

    page.locator("main form button[type=submit]").click()
    message = page.locator(".messages .success")
    expect(message).to_contain_text("Gent is nu afgewezen")
    expect(message).to_contain_text("Kortrijk schoof op van de wachtlijst naar plaats 3")
    guide_screenshot(page, "desk-3-decision-message")

    decline = OutboxEmail.objects.get(application=gent, kind=OutboxEmail.Kind.COACHING_DECISION)
    assert decline.recipient == gent.email
    assert OutboxEmail.objects.filter(
        application=applications["Kortrijk"], kind=OutboxEmail.Kind.COACHING_DECISION
    ).exists()


def test_the_editor_brings_an_outdated_french_translation_up_to_date(site, desktop: Page):
    dutch = RecommendationPage.objects.get(number=3, locale__language_code="nl")
    french = dutch.get_translation(Locale.objects.get(language_code="fr"))
    page = desktop
    admin_log_in(page, site.url, editor_create())

    # 1. The Dutch page changes and is published.
    page.goto(f"{site.url}/admin/pages/{dutch.pk}/edit/")
    page.locator("#id_lead").fill(NEW_LEAD)
    page.locator(".w-dropdown__toggle.button").click()
    guide_screenshot(page, "translation-1-publish-dutch")
    page.locator("button[name=action-publish]").click()
    expect(page.locator(".messages .success")).to_contain_text(dutch.title)

    # 2. The worker syncs the translations; the report marks French as outdated.
    french_cell = page.locator("tr", has_text=dutch.title).locator(
        f'td:has(a[href="/admin/pages/{french.pk}/edit/"])'
    )
    page.goto(site.url + TRANSLATION_REPORT)
    for _attempt in range(60):
        if "translation-needs_update" in (french_cell.get_attribute("class") or ""):
            break
        page.wait_for_timeout(500)
        page.reload()
    expect(french_cell).to_have_class("translation-needs_update")
    french_cell.scroll_into_view_if_needed()
    guide_screenshot(page, "translation-2-report-needs-update")

    # 3. The translation editor shows the changed text as not translated yet.
    french_cell.get_by_role("link").click()
    segment = page.locator("li.incomplete", has_text=NEW_LEAD)
    expect(segment).to_have_count(1)
    segment.scroll_into_view_if_needed()
    guide_screenshot(page, "translation-3-editor")
    segment.get_by_role("button").click()
    segment.get_by_role("textbox").fill(FRENCH_LEAD)
    segment.get_by_role("textbox").press("Enter")
    expect(page.locator("li.complete", has_text=FRENCH_LEAD)).to_have_count(1)
    guide_screenshot(page, "translation-4-translated")

    # 4. Published, the French page says it, and the report shows it up to date.
    page.locator("footer form button[type=submit]").first.click()
    expect(page.locator(".messages .success")).to_be_visible()
    page.goto(site.url + TRANSLATION_REPORT)
    expect(french_cell).to_have_class("translation-up_to_date")
    guide_screenshot(page, "translation-5-report-up-to-date")
    page.goto(site.url_of(french))
    expect(page.locator(".recommendation .lead")).to_have_text(FRENCH_LEAD)
