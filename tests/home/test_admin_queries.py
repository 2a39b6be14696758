"""The translations report (each Dutch page against each other language) makes
as many queries with 15 translated pages added as with 3: a translation's
progress is counted for all pages at once, not page by page."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from recommendations.models import RecommendationIndexPage
from tests.admin_queries import listing_queries
from tests.factories import RecommendationPageFactory

pytestmark = pytest.mark.django_db


def _translated_recommendations(numbers: range) -> None:
    """Dutch recommendations, each translated into the other languages with
    wagtail-localize, as editors do (so each cell has a translation's progress)."""
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    for number in numbers:
        page = RecommendationPageFactory(parent=index, number=number)
        source, _created = TranslationSource.get_or_create_from_instance(page)
        for locale in Locale.objects.exclude(pk=page.locale_id):
            Translation.objects.create(source=source, target_locale=locale).save_target()


def _dutch_pages() -> int:
    return Page.objects.filter(locale__language_code="nl", depth__gt=1).count()


def test_the_translations_report_makes_no_query_per_page(admin_client, campaign):
    url = reverse("orbit_translation_status")
    _translated_recommendations(range(11, 14))
    at_3 = listing_queries(admin_client, url, rows=_dutch_pages())
    _translated_recommendations(range(14, 26))
    at_15 = listing_queries(admin_client, url, rows=_dutch_pages())
    assert at_15 == at_3, f"{at_3} queries with 3 pages more, {at_15} with 15"
