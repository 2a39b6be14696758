"""No public page type makes more queries with 50 recommendations than with 10:
no query per recommendation. Run with -s to see the counts. (Search loads each
result page's specific rows with one query per page type, so its count follows
the mix of types on the first result page, never the number of recommendations.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations.models import RecommendationIndexPage, RecommendationPage
from tests.factories import RecommendationPageFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "home": "/nl/",
    "recommendation index": "/nl/aanbevelingen/",
    "index, theme filter": "/nl/aanbevelingen/?theme=wonen",
    "print leaflet": "/nl/aanbevelingen/print/",
    "recommendation": "/nl/aanbevelingen/woningaanbod/",
    "recommendation (fr)": "/fr/recommandations/offre-de-logements/",
    "handbook": "/nl/handleiding/",
    "search": "/nl/search/?q=gemeente",
    "sitemap": "/sitemap.xml",
}


def _query_counts(client) -> dict[str, int]:
    counts = {}
    for name, path in PUBLIC_PAGES.items():
        client.get(path)  # warm the per-process caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts[name] = len(queries)
    return counts


def _grow_to(total: int) -> None:
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    wonen = RecommendationPage.objects.get(number=2, locale=index.locale).themes.all()
    related = RecommendationPage.objects.filter(number__in=[1, 3], locale=index.locale)
    for number in range(11, total + 1):
        RecommendationPageFactory(
            parent=index, number=number, themes=wonen, related_recommendations=related
        )


def test_query_count_does_not_grow_with_the_number_of_recommendations(client, campaign):
    at_10 = _query_counts(client)
    _grow_to(50)
    at_50 = _query_counts(client)
    for name in PUBLIC_PAGES:
        print(f"{name}: {at_10[name]} queries at 10, {at_50[name]} at 50")
    assert all(at_50[name] <= at_10[name] for name in PUBLIC_PAGES), (at_10, at_50)
    assert {k: v for k, v in at_50.items() if k != "search"} == {
        k: v for k, v in at_10.items() if k != "search"
    }
