"""The themes' admin listing, and Wagtail's page explorer listing the
recommendations, make no query per row of their own (a theme's
language comes with the theme). wagtail-localize's listing buttons still ask,
per theme, whether a language is left to translate into and whether the theme
is the source of translations: two queries per row that only that package can
batch, counted here so that any other per-row query fails the test."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from recommendations.models import RecommendationIndexPage, Theme
from tests.admin_queries import listing_queries
from tests.factories import RecommendationPageFactory

pytestmark = pytest.mark.django_db

LOCALIZE_BUTTON_QUERIES_PER_ROW = 2


def _themes(numbers: range) -> None:
    locales = list(Locale.objects.order_by("language_code"))
    for n in numbers:
        Theme.objects.create(name=f"Thema {n}", slug=f"thema-{n}", locale=locales[n % len(locales)])


def test_the_theme_listing_makes_no_query_per_row_of_its_own(admin_client, campaign):
    Theme.objects.all().delete()
    url = reverse("wagtailsnippets_recommendations_theme:list")
    _themes(range(3))
    at_3 = listing_queries(admin_client, url, rows=3)
    _themes(range(3, 12))
    at_12 = listing_queries(admin_client, url, rows=12)
    assert at_12 - at_3 == 9 * LOCALIZE_BUTTON_QUERIES_PER_ROW, (at_3, at_12)


def test_the_page_explorer_makes_no_query_per_recommendation(admin_client, campaign):
    """Wagtail's listing of the index's children, where editors find the
    recommendations: what the page type adds to a row costs no query. There
    wagtail-localize's buttons ask, per page, for its translation source and
    whether that has translations: two queries per row, counted."""
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    url = reverse("wagtailadmin_explore", args=[index.pk])
    children = index.get_children().count()
    at_10 = listing_queries(admin_client, url, rows=children)
    RecommendationPageFactory.create_batch(6, parent=index)
    at_16 = listing_queries(admin_client, url, rows=children + 6)
    assert at_16 - at_10 == 6 * LOCALIZE_BUTTON_QUERIES_PER_ROW, (at_10, at_16)
