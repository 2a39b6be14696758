"""Each admin listing of the coaching desk (applications, coalitions, outgoing
emails), the dashboard's coaching panel, the statistics report and the
personal-data screen make as many queries with 12 rows as with 3: no query per
row (an application's slot, above all)."""

import pytest
from django.urls import reverse

from coalitions.models import OutboxEmail
from tests.admin_queries import LISTING_ROWS, listing_queries
from tests.factories import CoachingApplicationFactory, CoalitionFactory
from tests.markup import soup, text_of

pytestmark = pytest.mark.django_db


def test_the_applications_listing_makes_no_query_per_row(admin_client, coaching_page):
    """Enough capacity that every application holds a slot, the column that
    read its slot row by row."""
    coaching_page.capacity = 12
    coaching_page.save_revision().publish()
    url = reverse("coaching_applications:index")
    CoachingApplicationFactory.create_batch(3, page=coaching_page)
    at_3 = listing_queries(admin_client, url, rows=3)
    CoachingApplicationFactory.create_batch(9, page=coaching_page)
    at_12 = listing_queries(admin_client, url, rows=12)
    assert at_12 == at_3, f"{at_3} queries with 3 rows, {at_12} with 12"


def test_the_coalitions_listing_makes_no_query_per_row(admin_client, coalition_page):
    url = reverse("coalitions:index")
    CoalitionFactory.create_batch(3, page=coalition_page)
    at_3 = listing_queries(admin_client, url, rows=3)
    CoalitionFactory.create_batch(9, page=coalition_page)
    at_12 = listing_queries(admin_client, url, rows=12)
    assert at_12 == at_3, f"{at_3} queries with 3 rows, {at_12} with 12"


def test_the_outgoing_emails_listing_makes_no_query_per_row(admin_client, coalition_page):
    """Each sign-up queues emails; the listing is filtered to one kind, so
    that its rows are counted one per coalition."""
    CoalitionFactory.create_batch(3, page=coalition_page)
    kind = OutboxEmail.objects.values_list("kind", flat=True).first()
    url = reverse("outbox_emails:index") + f"?kind={kind}"
    per_coalition = OutboxEmail.objects.filter(kind=kind).count() // 3
    at_3 = listing_queries(admin_client, url, rows=3 * per_coalition)
    CoalitionFactory.create_batch(9, page=coalition_page)
    at_12 = listing_queries(admin_client, url, rows=12 * per_coalition)
    assert at_12 == at_3, f"{at_3} queries with 3 rows, {at_12} with 12"


STATISTICS = "/admin/reports/statistics/"
PERSONAL_DATA = "/admin/personal_data/"


def _applications_counted(client) -> int:
    """The total of the report's table of coaching outcomes."""
    cells = soup(client.get(STATISTICS)).select("#figure-outcomes tbody td")
    return sum(int(text_of(cell)) for cell in cells)


def test_the_statistics_report_makes_no_query_per_application_or_coalition(
    admin_client, coaching_page, coalition_page
):
    """Its tables count in the database: the same queries for 12 applications
    and sign-ups as for 3 (all this week, so the same rows)."""
    coaching_page.capacity = 12
    coaching_page.save_revision().publish()
    CoachingApplicationFactory.create_batch(3, page=coaching_page)
    CoalitionFactory.create_batch(3, page=coalition_page)
    rows = len(soup(admin_client.get(STATISTICS)).select(LISTING_ROWS))
    at_3 = listing_queries(admin_client, STATISTICS, rows=rows)
    assert _applications_counted(admin_client) == 3
    CoachingApplicationFactory.create_batch(9, page=coaching_page)
    CoalitionFactory.create_batch(9, page=coalition_page)
    at_12 = listing_queries(admin_client, STATISTICS, rows=rows)
    assert _applications_counted(admin_client) == 12
    assert at_12 == at_3, f"{at_3} queries with 3 of each, {at_12} with 12"


def test_the_personal_data_screen_makes_no_query_per_record_found(
    admin_client, coaching_page, coalition_page
):
    """One person behind many sign-ups: what the screen lists of them (a line
    per coalition and per application) takes the same queries for 12 as for 3."""
    person = {"email": "iemand@example.org"}
    find = {**person, "action": "find"}
    found = ".personal-data-found li"
    # The lines beside the records: the emails sent to them, and what other
    # apps keep (none here).
    CoalitionFactory.create_batch(2, page=coalition_page, **person)
    CoachingApplicationFactory(page=coaching_page, **person)
    at_3 = listing_queries(admin_client, PERSONAL_DATA, rows=3 + 1, row_selector=found, data=find)
    CoalitionFactory.create_batch(6, page=coalition_page, **person)
    CoachingApplicationFactory.create_batch(3, page=coaching_page, **person)
    at_12 = listing_queries(admin_client, PERSONAL_DATA, rows=12 + 1, row_selector=found, data=find)
    assert at_12 == at_3, f"{at_3} queries for 3 records, {at_12} for 12"


def test_the_dashboards_coaching_panel_makes_no_query_per_application(admin_client, coaching_page):
    """The panel counts the slots held and the waitlist of the coaching page
    (its one row): the same queries for 12 applications as for 3."""
    url = reverse("wagtailadmin_home")
    panel_rows = 'section[aria-labelledby="coaching-slots-heading"] tbody tr'
    CoachingApplicationFactory.create_batch(3, page=coaching_page)
    at_3 = listing_queries(admin_client, url, rows=1, row_selector=panel_rows)
    CoachingApplicationFactory.create_batch(9, page=coaching_page)
    at_12 = listing_queries(admin_client, url, rows=1, row_selector=panel_rows)
    assert at_12 == at_3, f"{at_3} queries with 3 applications, {at_12} with 12"
