"""The campaign a test that commits gets back after the flush before it
(tests/campaign_copy.py) is the campaign the session loaded: its pages, their
search index, their addresses; and a test after one that took a file from
storage finds the file its rolled-back rows name."""

from django.core.management import call_command

from coalitions.models import HandbookPage
from recommendations.models import RecommendationPage
from tests.campaign_copy import campaign_copy_restore
from tests.conftest import campaign_ready
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


def test_a_file_a_test_took_from_storage_is_back_for_the_next(campaign, request, client):
    handbook = HandbookPage.objects.live().get(locale__language_code="nl")
    download = handbook.generated_pdf.document.url
    document = handbook.generated_pdf.document.file
    content = document.read()
    document.close()
    document.storage.delete(document.name)
    assert client.get(download).status_code == 404

    # What the `campaign` fixture does for the next test.
    campaign_ready(request.config)

    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
