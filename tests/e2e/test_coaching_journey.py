"""Journey 2 (a town applies for coaching) and the reviewer's part of journey 3
(a coaching reviewer accepts an application; the applicant hears of it), plus
axe-core on the public forms in their error state.

These drive the coaching engineer's pages and admin (branch `coaching`): the
coaching form's fields (municipality, coalition_name, contact_name, email, phone,
motivation), its `.slots` count, the `#confirmation` after the redirect, the
"ORBIT coaching" group and the decision views under /admin/coaching_applications/.
"""

import re
import time
from email.message import Message

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import MailSink
from tests.e2e.admin import admin_log_in, editor_create
from tests.e2e.browser import axe_violations, screenshot, write_artifact
from tests.e2e.pages import LANGUAGES

pytestmark = pytest.mark.e2e

COORDINATOR = "amos@orbitvzw.be"
APPLICANT = "migratiecoalitie@aalst.example"
MAIL_WAIT_SECONDS = 30


@pytest.fixture(autouse=True)
def _coaching_branch() -> None:
    # Until the coaching branch is merged these journeys have nothing to drive:
    # `make e2e` reports them as skipped, with the reason, instead of failing.
    # (A fixture, not a module-level skip, so `make test` does not list them.)
    pytest.importorskip("coalitions.services", reason="needs the coaching branch")


def mail_to(mailbox: MailSink, address: str, *, count: int = 1) -> list[Message]:
    """The messages the SMTP server accepted for `address`, once `count` of them
    arrived: the Celery worker sends them shortly after the request."""
    deadline = time.monotonic() + MAIL_WAIT_SECONDS
    while time.monotonic() < deadline:
        received = [m for m in mailbox.messages if address in m["X-Envelope-To"]]
        if len(received) >= count:
            return received
        time.sleep(0.2)
    raise AssertionError(f"no {count} message(s) for {address} within {MAIL_WAIT_SECONDS} s")


def slots_open(page: Page) -> str:
    return page.locator(".slots").inner_text()


def test_town_applies_for_coaching_and_the_coordinator_is_mailed(site, desktop: Page):
    from coalitions.models import CoachingApplication, CoachingPage

    page = desktop
    coaching = CoachingPage.objects.get(locale__language_code="nl")
    page.goto(site.url_of(coaching))
    expect(page.locator(".slots")).to_contain_text("7")

    form = page.locator("form.public-form")
    form.locator("#id_municipality").fill("Aalst")
    form.locator("#id_coalition_name").fill("Migratiecoalitie Aalst")
    form.locator("#id_contact_name").fill("Nadia El Amrani")
    form.locator("#id_email").fill("nadia-at-aalst")
    form.locator("#id_motivation").fill(
        "We willen de tien aanbevelingen op de gemeenteraad krijgen."
    )
    form.locator("#id_privacy_consent").check()
    form.get_by_role("button").click()

    # The error sits next to its field, is tied to it, and nothing typed is lost.
    email = form.locator("#id_email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_attribute("aria-describedby", re.compile(r"\bid_email_error\b"))
    expect(page.locator("#id_email_error")).to_be_visible()
    expect(page.locator(".form-errors")).to_be_visible()
    expect(form.locator("#id_municipality")).to_have_value("Aalst")
    expect(form.locator("#id_motivation")).to_have_value(re.compile("tien aanbevelingen"))
    expect(email).to_have_value("nadia-at-aalst")
    assert CoachingApplication.objects.count() == 0

    email.fill(APPLICANT)
    form.get_by_role("button").click()
    expect(page).to_have_url(site.url_of(coaching) + "#confirmation")
    expect(page.locator("#confirmation")).to_be_visible()
    expect(page.locator(".slots")).to_contain_text("6")

    coordinator_mail = mail_to(site.mailbox, COORDINATOR)[0]
    assert "Aalst" in coordinator_mail["Subject"]
    assert coordinator_mail["Reply-To"] == APPLICANT
    application = CoachingApplication.objects.get()
    assert (application.municipality_name, application.status) == ("Aalst", "received")
    screenshot(page, "journey-2-coaching-application")


def test_reviewer_accepts_an_application_and_the_applicant_is_mailed(site, desktop: Page):
    from coalitions.models import CoachingPage
    from coalitions.services.coaching import coaching_application_create

    # An ORBIT staff member in the "ORBIT coaching" group.
    reviewer = editor_create(username="coaching", groups=("ORBIT coaching",))
    coaching = CoachingPage.objects.get(locale__language_code="nl")
    application = coaching_application_create(
        page=coaching,
        municipality_name="Mechelen",
        coalition_name="Samen Mechelen",
        contact_name="Jan Peeters",
        email=APPLICANT,
        phone="",
        motivation="Wij starten een lokale migratiecoalitie.",
        language="nl",
        privacy_consent=True,
    ).application
    mail_to(site.mailbox, APPLICANT)  # the confirmation of the application itself

    page = desktop
    admin_log_in(page, site.url, reviewer)

    page.goto(site.url + "/admin/coaching_applications/")
    row = page.locator("tr", has_text="Mechelen")
    row.locator(".w-dropdown__toggle").click()
    row.locator(f'a[href$="/decide/{application.pk}/accept/"]').click()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages .success")).to_contain_text("Mechelen")

    decision = mail_to(site.mailbox, APPLICANT, count=2)[1]
    assert "Mechelen" in decision.get_payload(decode=True).decode()
    application.refresh_from_db()
    assert application.status == "accepted"
    screenshot(page, "journey-3-coaching-reviewer")


def test_public_forms_in_their_error_state_have_no_axe_violations(site, auditor: Page):
    from coalitions.models import CoachingPage, CoalitionIndexPage

    report = {}
    for language in LANGUAGES:
        for form_page in (CoachingPage, CoalitionIndexPage):
            url = site.url_of(form_page.objects.get(locale__language_code=language))
            auditor.goto(url)
            auditor.locator("form.public-form").get_by_role("button").click()
            expect(auditor.locator(".form-errors")).to_be_visible()
            report[f"{language} {form_page.__name__} with errors"] = axe_violations(auditor)
    write_artifact("axe-report-forms.json", report)
    assert {form: found for form, found in report.items() if found} == {}
