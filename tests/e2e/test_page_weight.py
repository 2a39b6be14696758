"""What each page type costs a visitor: requests and bytes over the wire, on a
first visit (empty cache). The budgets keep the site light on a phone."""

import pytest
from playwright.sync_api import Browser

from tests.e2e.browser import DESKTOP, page_weight, write_artifact
from tests.e2e.pages import public_page_paths

pytestmark = pytest.mark.e2e

MAX_REQUESTS = 3  # the page, the stylesheet, the icon
MAX_BYTES = 60_000


def test_every_page_type_stays_within_its_budget(site, chromium: Browser):
    weights = {}
    for name, path in public_page_paths("nl").items():
        # A new context per page: an empty cache, as on a first visit.
        context = chromium.new_context(viewport=DESKTOP)
        weights[name] = page_weight(context.new_page(), site.url + path)
        context.close()
    write_artifact("page-weight.json", weights)
    for name, weight in weights.items():
        assert weight["requests"] <= MAX_REQUESTS, (name, weight)
        assert weight["bytes"] <= MAX_BYTES, (name, weight)
