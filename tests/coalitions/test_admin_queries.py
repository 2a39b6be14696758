"""Each admin listing of the coaching desk (applications, coalitions,
outgoing emails) makes as many queries with 12 rows as with 3: no query per
row (an application's slot, above all)."""

import pytest
from django.urls import reverse

from coalitions.models import OutboxEmail
from tests.admin_queries import listing_queries
from tests.factories import CoachingApplicationFactory, CoalitionFactory

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
