"""No text twice on a recommendation page: the lead shows once, not again as
the body's first sentence, and the page has one main heading."""

import pytest
from bs4 import BeautifulSoup

from recommendations.models import RecommendationPage

pytestmark = pytest.mark.django_db


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_lead_shows_once_on_every_recommendation(client, campaign, language):
    pages = RecommendationPage.objects.filter(locale__language_code=language).live()
    assert pages.count() == 10
    for page in pages:
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        article = soup.select_one("article.recommendation")
        lead = _words(article.select_one(".lead").get_text())
        assert lead == _words(page.lead)
        # The lead's text appears once in the article (its own paragraph).
        assert _words(article.get_text()).count(lead.rstrip(".")) == 1, page.url
        assert len(soup.find_all("h1")) == 1


def test_the_rest_of_the_text_is_still_in_the_body(client, campaign):
    page = RecommendationPage.objects.get(number=1, locale__language_code="nl")
    body = BeautifulSoup(client.get(page.url).content, "html.parser").select_one(
        "article.recommendation"
    )
    assert body.find("b", string="minstens 0,7%")
