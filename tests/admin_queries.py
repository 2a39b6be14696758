"""Counting the queries of an admin listing, so a test can say that a listing
makes as many queries with 12 rows as with 3 (no query per row)."""

from bs4 import BeautifulSoup
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

# The rows of Wagtail's listings (model and snippet viewsets, reports).
LISTING_ROWS = "table.listing tbody tr"


def listing_queries(
    client: Client,
    url: str,
    *,
    rows: int,
    row_selector: str = LISTING_ROWS,
    data: dict[str, str] | None = None,
) -> int:
    """The queries of one GET of `url` (a POST of `data`, for a screen that
    lists what a form asked for), after a first request that warms the
    per-process caches (content types, permissions, site root paths). Checks
    that the page shows `rows` rows, so a count is never taken of an empty or
    a cut listing."""

    def request() -> HttpResponse:
        return client.get(url) if data is None else client.post(url, data)

    assert request().status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = request()
    assert response.status_code == 200
    shown = BeautifulSoup(response.content, "html.parser").select(row_selector)
    assert len(shown) == rows, f"{len(shown)} rows shown, {rows} expected"
    return len(queries)
