"""What the municipality pages do to the page cache: a visitor's correction
keeps it, a recommendation published elsewhere refreshes the overview."""

import pytest

from commitments.models import CorrectionProposal, MunicipalityIndexPage
from recommendations.models import RecommendationIndexPage
from tests.factories import RecommendationPageFactory

pytestmark = pytest.mark.django_db


def _x_cache(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response["X-Cache"]


def test_a_visitors_correction_keeps_the_page_cache(
    client, campaign, gent, recommendations, page_cache, django_capture_on_commit_callbacks
):
    assert (_x_cache(client, "/nl/"), _x_cache(client, "/nl/")) == ("MISS", "HIT")
    with django_capture_on_commit_callbacks(execute=True):
        CorrectionProposal.objects.create(
            municipality=gent,
            recommendation=recommendations[0],
            proposed_status="implemented",
            source_url="https://example.org/besluit",
            language="nl",
        )
    assert _x_cache(client, "/nl/") == "HIT"


def test_publishing_a_recommendation_refreshes_the_overview(
    client, campaign, reference_data, page_cache, django_capture_on_commit_callbacks
):
    overview = MunicipalityIndexPage.objects.get(locale__language_code="nl").url
    assert (_x_cache(client, overview), _x_cache(client, overview)) == ("MISS", "HIT")
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    with django_capture_on_commit_callbacks(execute=True):
        RecommendationPageFactory(parent=index, number=11)
    assert _x_cache(client, overview) == "MISS"


def test_a_municipality_page_is_cached_and_its_correction_page_is_not(
    client, campaign, reference_data, page_cache
):
    # The form, with its CSRF cookie, is on a page of its own.
    for path in ("/nl/gemeenten/gent/", "/fr/communes/gand/"):
        assert (_x_cache(client, path), _x_cache(client, path)) == ("MISS", "HIT")
    correction = "/nl/gemeenten/gent/correction/"
    assert (_x_cache(client, correction), _x_cache(client, correction)) == ("MISS", "MISS")
