"""The themes' admin listing makes no query per row of its own (a theme's
language comes with the theme). wagtail-localize's listing buttons still ask,
per theme, whether a language is left to translate into and whether the theme
is the source of translations: two queries per row that only that package can
batch, counted here so that any other per-row query fails the test."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from recommendations.models import Theme
from tests.admin_queries import listing_queries

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
