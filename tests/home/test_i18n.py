import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from home.campaign import campaign_load
from recommendations.models import RecommendationIndexPage, RecommendationPage, Theme
from tests.markup import sitemap_locations, soup

pytestmark = pytest.mark.django_db


def test_every_dutch_page_and_theme_is_translated_through_wagtail_localize(campaign):
    dutch_pages = Page.objects.filter(locale__language_code="nl", depth__gt=1)
    for language in ("fr", "en"):
        locale = Locale.objects.get(language_code=language)
        for page in dutch_pages:
            translated = page.get_translation(locale)
            assert translated.live, translated
            assert translated.title != page.title, translated
            assert Translation.objects.filter(
                source__object_id=page.translation_key, target_locale=locale
            ).exists()
        assert Theme.objects.filter(locale=locale).count() == 10
    assert StringTranslation.objects.filter(locale__language_code="fr").count() > 50


def test_translated_texts_keep_the_emphasis(client, campaign):
    bold = [b.get_text() for b in soup(client.get("/en/recommendations/")).find_all("b")]
    assert "at least 0.7%" in bold
    assert "to all homeless groups" in bold


def test_loading_twice_keeps_translations_and_their_edits(campaign):
    page = RecommendationPage.objects.get(locale__language_code="fr", number=5)
    page.title = "Titre revu par une rédactrice"
    page.save_revision().publish()
    count = Page.objects.count()
    campaign_load()
    assert Page.objects.count() == count
    page.refresh_from_db()
    assert page.title == "Titre revu par une rédactrice"


def _switcher(page: BeautifulSoup) -> dict[str, str]:
    links = page.select_one("nav.language-switcher").find_all("a", hreflang=True)
    return {link["hreflang"]: link["href"] for link in links}


def test_switcher_hreflang_and_canonical_point_to_the_same_page(client, campaign):
    page = soup(client.get("/nl/aanbevelingen/woningaanbod/"))
    assert _switcher(page) == {
        "nl": "/nl/aanbevelingen/woningaanbod/",
        "fr": "/fr/recommandations/offre-de-logements/",
        "en": "/en/recommendations/suitable-housing/",
    }
    canonical = page.find("link", rel="canonical")
    assert canonical["href"] == "http://localhost/nl/aanbevelingen/woningaanbod/"
    english = page.find("link", rel="alternate", hreflang="en")
    assert english["href"] == "http://localhost/en/recommendations/suitable-housing/"


def test_missing_translation_falls_back_to_dutch_with_a_notice(client, campaign):
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    page = RecommendationPage(title="Alleen in het Nederlands", slug="alleen-nl", number=11)
    index.add_child(instance=page)
    page.save_revision().publish()

    page = soup(client.get("/nl/aanbevelingen/alleen-nl/"))
    french_link = _switcher(page)["fr"]
    assert french_link == "/nl/aanbevelingen/alleen-nl/?untranslated=fr"
    assert page.head.find(hreflang="fr") is None

    response = client.get(french_link)
    assert response.status_code == 200
    assert soup(response).select(".untranslated-notice")


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/fr/recommandations/droit-de-vote/", "Informer activement les non-Belges"),
        ("/en/", "10 recommendations for a coherent local migration policy"),
    ],
)
def test_meta_description_and_open_graph_come_from_the_page(client, campaign, path, title):
    page = soup(client.get(path))
    assert len(page.find("meta", attrs={"name": "description"})["content"]) >= 20
    assert page.find("meta", property="og:title")["content"].startswith(title)
    assert page.find("meta", property="og:description") is not None
    assert page.find("link", rel="icon") is not None


def test_sitemap_lists_every_language(client, campaign):
    locations = sitemap_locations(client.get("/sitemap.xml"))
    for path in ("/nl/aanbevelingen/kiesrecht/", "/fr/recommandations/droit-de-vote/", "/en/"):
        assert f"http://localhost{path}" in locations
    assert len(locations) == Page.objects.live().filter(depth__gt=1).count()


def test_robots_txt_points_to_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_not_found_answers_in_the_visitors_language(client, campaign, language):
    response = client.get(f"/{language}/bestaat-niet/")
    assert response.status_code == 404
    assert soup(response).html["lang"] == language
