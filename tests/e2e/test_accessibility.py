"""axe-core on every public page type in every language: zero violations of
WCAG 2.1 A and AA (and axe's best practices)."""

import pytest
from playwright.sync_api import Page

from tests.e2e.browser import axe_violations, write_artifact
from tests.e2e.pages import LANGUAGES, public_page_paths

pytestmark = pytest.mark.e2e


def test_public_pages_have_no_axe_violations_in_any_language(site, auditor: Page):
    report = {}
    for language in LANGUAGES:
        for name, path in public_page_paths(language).items():
            auditor.goto(site.url + path)
            report[f"{language} {name} ({path})"] = axe_violations(auditor)
    write_artifact("axe-report.json", report)
    # Home, recommendation index and page, handbook, coaching, search twice, 404.
    assert len(report) >= len(LANGUAGES) * 8
    assert {page: found for page, found in report.items() if found} == {}
