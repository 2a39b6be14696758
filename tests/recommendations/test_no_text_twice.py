"""No text twice on a recommendation page: the lead shows once, not again as
the body's first sentence, and the page has one main heading."""

import pytest
from bs4 import BeautifulSoup

from recommendations.models import RecommendationPage

pytestmark = pytest.mark.django_db


def _words(text: str) -> str:
    return " ".join(text.split())


def _article(client, page: RecommendationPage):
    return BeautifulSoup(client.get(page.url).content, "html.parser").select_one(
        "article.recommendation"
    )


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_lead_shows_once_on_every_recommendation(client, campaign, language):
    pages = RecommendationPage.objects.filter(locale__language_code=language).live()
    assert pages.count() == 10
    for page in pages:
        article = _article(client, page)
        lead = _words(page.lead).rstrip(".")
        assert lead and _words(article.get_text()).count(lead) == 1, page.url
        assert len(article.find_all("h1")) == 1


def test_the_first_sentence_keeps_its_emphasis_in_the_body(client, campaign):
    page = RecommendationPage.objects.get(number=1, locale__language_code="nl")
    article = _article(client, page)
    assert article.find("b", string="samenwerking met mensen met een migratieachtergrond")
    assert article.find("b", string="minstens 0,7%")


def test_a_lead_of_its_own_shows_above_the_body(client, campaign):
    page = RecommendationPage.objects.get(number=2, locale__language_code="nl")
    page.lead = "Iedereen verdient een thuis."
    page.save_revision().publish()
    lead = _article(client, page).select_one("p.lead")
    assert lead is not None and lead.get_text() == "Iedereen verdient een thuis."
