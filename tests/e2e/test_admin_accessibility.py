"""axe-core on the project's own admin screens, as an ORBIT editor sees them
(in Dutch, the admin's default): the coaching desk, its decision confirmation,
the reports, the dashboard panels and the municipalities' screens. Zero
violations of WCAG 2.1 A and AA (and axe's best practices).

Left out: the search form of Wagtail's own sidebar, the same on every admin
screen. It and the search of Wagtail's listing header are two unnamed search
landmarks (axe's landmark-unique), both Wagtail's markup, not the project's."""

import pytest
from playwright.sync_api import Page

from coalitions.models import CoachingPage, CoalitionIndexPage
from commitments.models import Commitment
from commitments.services import commitment_samples_load
from municipalities.models import Municipality
from municipalities.services import municipalities_load
from tests.e2e.admin import admin_log_in, editor_create, permissions_grant
from tests.e2e.browser import axe_violations, guide_screenshot, screenshot, write_artifact
from tests.factories.coalitions import CoachingApplicationFactory, CoalitionFactory

pytestmark = pytest.mark.e2e

WAGTAIL_CHROME = ["#wagtail-sidebar form[role=search]"]
# The screens the editor guide shows.
GUIDE_SCREENS = {"dashboard", "statistics", "personal-data"}


def test_the_projects_admin_screens_have_no_axe_violations(site, auditor: Page):
    coaching = CoachingPage.objects.get(locale__language_code="nl")
    # Eight towns for seven slots: the listing shows every status, the last one waits.
    applications = CoachingApplicationFactory.create_batch(8, page=coaching)
    coalition = CoalitionFactory(page=CoalitionIndexPage.objects.get(locale__language_code="nl"))
    municipalities_load()
    commitment_samples_load(municipalities=3)
    editor = editor_create(groups=("Moderators", "ORBIT coaching"))
    permissions_grant(
        editor, "view_municipality", "add_commitment", "change_commitment", "view_commitment"
    )
    application = applications[2]
    screens = {
        "dashboard": "/admin/",
        "applications": "/admin/coaching_applications/",
        "application": f"/admin/coaching_applications/inspect/{application.pk}/",
        "application-waitlisted": f"/admin/coaching_applications/inspect/{applications[7].pk}/",
        "decision-confirmation": f"/admin/coaching_applications/decide/{application.pk}/decline/",
        "coalitions": "/admin/coalitions/",
        "coalition": f"/admin/coalitions/inspect/{coalition.pk}/",
        "personal-data": "/admin/personal_data/",
        "statistics": "/admin/reports/statistics/",
        "translations": "/admin/reports/translations/",
        "municipalities": "/admin/snippets/municipalities/municipality/",
        "municipality": "/admin/snippets/municipalities/municipality/inspect/"
        f"{Municipality.objects.get(name_nl='Gent').pk}/",
        "commitments": "/admin/snippets/commitments/commitment/",
        "commitment": "/admin/snippets/commitments/commitment/edit/"
        f"{Commitment.objects.first().pk}/",
        "commitment-new": "/admin/snippets/commitments/commitment/add/",
        "email-texts": "/admin/snippets/core/emailtext/",
        "email-text-new": "/admin/snippets/core/emailtext/add/?locale=nl",
        "guide": "/admin/guide/",
    }

    admin_log_in(auditor, site.url, editor)
    report = {}
    for name, path in screens.items():
        response = auditor.goto(site.url + path)
        assert response.status == 200, f"{name} ({path}) answered {response.status}"
        if name in GUIDE_SCREENS:
            guide_screenshot(auditor, f"admin-{name}")
        else:
            screenshot(auditor, f"admin-{name}")
        report[f"{name} ({path})"] = axe_violations(auditor, exclude=WAGTAIL_CHROME)

    # The operations panels (failed tasks, periodic tasks) show to superusers only.
    auditor.context.clear_cookies()
    administrator = editor_create(username="beheer", groups=())
    administrator.user.is_superuser = True
    administrator.user.save()
    admin_log_in(auditor, site.url, administrator)
    screenshot(auditor, "admin-dashboard-superuser")
    report["dashboard of a superuser (/admin/)"] = axe_violations(auditor, exclude=WAGTAIL_CHROME)
    write_artifact("axe-report-admin.json", report)
    assert {screen: found for screen, found in report.items() if found} == {}
