"""The campaign a test that commits gets back after the flush before it
(tests/campaign_copy.py) is the campaign the session loaded: its pages, their
search index, their addresses."""

from django.core.management import call_command

from recommendations.models import RecommendationPage
from tests.campaign_copy import campaign_copy_restore
from tests.markup import soup


def _results(client) -> list[str]:
    found = soup(client.get("/nl/search/", {"q": "migratie"})).select("ol.search-results > li")
    return [" ".join(item.get_text().split()) for item in found]


def test_the_campaign_comes_back_whole_after_a_flush(transactional_db, campaign, client):
    pages = sorted(RecommendationPage.objects.values_list("pk", "url_path"))
    results = _results(client)

    # As Django empties the database after a test that commits.
    call_command("flush", interactive=False, verbosity=0)
    assert not RecommendationPage.objects.exists()
    campaign_copy_restore()

    assert sorted(RecommendationPage.objects.values_list("pk", "url_path")) == pages
    assert results
    assert _results(client) == results
    assert client.get(RecommendationPage.objects.first().url).status_code == 200
