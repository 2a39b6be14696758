import pytest
from django.utils.html import strip_tags
from wagtail.models import Page

from home.campaign import CAMPAIGN_FILE, campaign_load
from recommendations.models import RecommendationPage
from tests.markup import soup

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/nl/",
    "/nl/aanbevelingen/",
    "/nl/handleiding/",
    "/nl/coaching/",
    "/nl/search/?q=opvang",
]


def _tree() -> list[tuple[str, str, str]]:
    return list(Page.objects.order_by("path").values_list("path", "slug", "title"))


def _dutch_recommendations():
    return RecommendationPage.objects.filter(locale__language_code="nl")


def _seed_recommendations() -> list[str]:
    """The ten recommendations' text as it stands in the seed file, plain."""
    import yaml

    data = yaml.safe_load(CAMPAIGN_FILE.read_text(encoding="utf-8"))
    return [" ".join(strip_tags(r["body"]).split()) for r in data["recommendations"]]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_answer_200(client, campaign, path):
    assert client.get(path).status_code == 200


def test_every_recommendation_page_answers_200(client, campaign):
    for page in RecommendationPage.objects.live():  # every language
        assert client.get(page.url).status_code == 200, page.url


def test_root_redirects_to_dutch(client, campaign):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


def test_home_lists_all_ten_in_order(client, campaign):
    html = client.get("/nl/").content.decode()
    titles = [p.title for p in _dutch_recommendations().order_by("number")]
    positions = [html.index(title) for title in titles]
    assert len(titles) == 10
    assert positions == sorted(positions)
    assert "Gemeenteraadsverkiezingen 2018" in html


def test_index_shows_full_text_in_order_with_emphasis(client, campaign):
    html = client.get("/nl/aanbevelingen/").content.decode()
    text = " ".join(strip_tags(html).split())
    positions = [text.index(body) for body in _seed_recommendations()]
    assert positions == sorted(positions)
    bold = [b.get_text() for b in soup(html)("b")]
    assert "minstens 0,7%" in bold
    assert "voor alle dakloze doelgroepen" in bold


def test_contact_and_dossier_are_published(client, campaign):
    html = client.get("/nl/").content.decode()
    assert "amos@orbitvzw.be" in html
    assert "10AANBEVELINGENGemeenteraadsverkiezingen-2018ORBITdef.pdf" in html


def test_loading_twice_leaves_the_same_tree(campaign):
    before = _tree()
    campaign_load()
    assert _tree() == before
    assert _dutch_recommendations().count() == 10
    assert RecommendationPage.objects.count() == 30


def test_loading_keeps_editor_changes(campaign):
    page = _dutch_recommendations().get(number=3)
    page.title = "Opvang, aangepast door een redacteur"
    page.save_revision().publish()
    campaign_load()
    assert _dutch_recommendations().get(number=3).title == "Opvang, aangepast door een redacteur"
