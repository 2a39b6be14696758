import re

import pytest
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from home.campaign import campaign_load
from recommendations.models import RecommendationIndexPage, RecommendationPage, Theme

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
    html = client.get("/en/recommendations/").content.decode()
    assert "<b>at least 0.7%</b>" in html
    assert "<b>to all homeless groups</b>" in html


def test_loading_twice_keeps_translations_and_their_edits(campaign):
    page = RecommendationPage.objects.get(locale__language_code="fr", number=5)
    page.title = "Titre revu par une rédactrice"
    page.save_revision().publish()
    count = Page.objects.count()
    campaign_load()
    assert Page.objects.count() == count
    page.refresh_from_db()
    assert page.title == "Titre revu par une rédactrice"


def _switcher(html: str) -> dict[str, str]:
    nav = html.split('class="language-switcher"')[1].split("</nav>")[0]
    return dict(re.findall(r'href="([^"]+)" hreflang="(\w\w)"', nav)[i][::-1] for i in range(3))


def test_switcher_hreflang_and_canonical_point_to_the_same_page(client, campaign):
    html = client.get("/nl/aanbevelingen/woningaanbod/").content.decode()
    assert _switcher(html) == {
        "nl": "/nl/aanbevelingen/woningaanbod/",
        "fr": "/fr/recommandations/offre-de-logements/",
        "en": "/en/recommendations/suitable-housing/",
    }
    assert '<link rel="canonical" href="http://localhost/nl/aanbevelingen/woningaanbod/">' in html
    assert (
        '<link rel="alternate" hreflang="en" '
        'href="http://localhost/en/recommendations/suitable-housing/">' in html
    )


def test_missing_translation_falls_back_to_dutch_with_a_notice(client, campaign):
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    page = RecommendationPage(title="Alleen in het Nederlands", slug="alleen-nl", number=11)
    index.add_child(instance=page)
    page.save_revision().publish()

    html = client.get("/nl/aanbevelingen/alleen-nl/").content.decode()
    french_link = _switcher(html)["fr"]
    assert french_link == "/nl/aanbevelingen/alleen-nl/?untranslated=fr"
    assert 'hreflang="fr"' not in html.split("</head>")[0]

    response = client.get(french_link)
    assert response.status_code == 200
    assert "untranslated-notice" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/fr/recommandations/droit-de-vote/", "Informer activement les non-Belges"),
        ("/en/", "10 recommendations for a coherent local migration policy"),
    ],
)
def test_meta_description_and_open_graph_come_from_the_page(client, campaign, path, title):
    html = client.get(path).content.decode()
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert re.search(rf'<meta property="og:title" content="{title}', html)
    assert '<meta property="og:description"' in html
    assert 'rel="icon"' in html


def test_sitemap_lists_every_language(client, campaign):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/nl/aanbevelingen/kiesrecht/", "/fr/recommandations/droit-de-vote/", "/en/"):
        assert f"<loc>http://localhost{path}</loc>" in xml
    assert xml.count("<loc>") == Page.objects.live().filter(depth__gt=1).count()


def test_robots_txt_points_to_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_not_found_answers_in_the_visitors_language(client, campaign, language):
    response = client.get(f"/{language}/bestaat-niet/")
    assert response.status_code == 404
    assert f'<html lang="{language}">' in response.content.decode()
