import pytest
from bs4 import BeautifulSoup
from django.utils.html import strip_tags
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from recommendations.models import RecommendationIndexPage, RecommendationPage

pytestmark = pytest.mark.django_db


def _soup(client, path: str) -> BeautifulSoup:
    return BeautifulSoup(client.get(path).content, "html.parser")


def _numbers(soup: BeautifulSoup) -> list[int]:
    return [int(item["value"]) for item in soup.select('li[id^="aanbeveling-"]')]


def _link(soup: BeautifulSoup, rel: str) -> str | None:
    link = soup.find("a", rel=rel)
    return link["href"] if link else None


@pytest.mark.parametrize(
    "path", ["/nl/aanbevelingen/", "/fr/recommandations/", "/en/recommendations/"]
)
def test_index_lists_all_ten_in_number_order(client, campaign, path):
    assert _numbers(_soup(client, path)) == list(range(1, 11))


@pytest.mark.parametrize(
    ("path", "theme_name"),
    [("/nl/aanbevelingen/?theme=wonen", "Wonen"), ("/fr/recommandations/?theme=wonen", "Logement")],
)
def test_theme_filter_keeps_only_that_theme(client, campaign, path, theme_name):
    soup = _soup(client, path)
    assert _numbers(soup) == [2, 3]
    assert theme_name in [a.get_text() for a in soup.select('a[aria-current="true"]')]


def test_unknown_theme_shows_everything(client, campaign):
    response = client.get("/nl/aanbevelingen/?theme=<script>")
    assert _numbers(BeautifulSoup(response.content, "html.parser")) == list(range(1, 11))
    assert "<script>" not in response.content.decode()


def test_recommendation_links_previous_next_and_related_in_its_language(client, campaign):
    soup = _soup(client, "/fr/recommandations/offre-de-logements/")
    assert _link(soup, "prev") == "/fr/recommandations/politique-nord-sud/"
    assert _link(soup, "next") == "/fr/recommandations/accueil-permanent/"
    related = soup.find("a", href="/fr/recommandations/service-migration/")
    assert related.get_text().startswith("9. Un service communal")
    assert soup.find("a", string="Logement")


def test_first_and_last_have_one_neighbour(client, campaign):
    first = _soup(client, "/nl/aanbevelingen/noord-zuidbeleid/")
    last = _soup(client, "/nl/aanbevelingen/elk-kind/")
    assert _link(first, "prev") is None and _link(first, "next")
    assert _link(last, "prev") and _link(last, "next") is None


def test_print_view_has_all_ten_texts_on_one_page(client, campaign):
    response = client.get("/nl/aanbevelingen/print/")
    text = " ".join(strip_tags(response.content.decode()).split())
    for page in RecommendationPage.objects.filter(locale__language_code="nl"):
        assert page.title in text
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("b", string="minstens 0,7%")
    assert not soup.select(".site-header")


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-editor-1")
    client.force_login(user)
    return client


def _form_data(page: RecommendationPage | None, **changes) -> dict:
    """The page editor's post, built the way Wagtail's own tests build it."""
    fields = {
        "title": "Nieuwe aanbeveling",
        "slug": "nieuwe-aanbeveling",
        "number": 11,
        "lead": "",
        "body": streamfield([]),
        "comments": inline_formset([]),
    }
    if page is not None:
        fields.update(title=page.title, slug=page.slug, number=page.number, lead=page.lead)
    fields.update(changes)
    return nested_form_data(fields)


def test_admin_refuses_a_number_taken_by_a_sibling_on_create(editor_client, campaign):
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    url = f"/admin/pages/add/recommendations/recommendationpage/{index.pk}/"
    response = editor_client.post(url, _form_data(None, number=4))
    assert response.status_code == 200
    assert "Aanbeveling 4 bestaat hier al" in response.content.decode()
    assert RecommendationPage.objects.child_of(index).count() == 10

    response = editor_client.post(url, _form_data(None, number=11))
    assert response.status_code == 302
    assert RecommendationPage.objects.child_of(index).filter(number=11).exists()


def test_admin_reorders_but_refuses_a_duplicate_on_edit(editor_client, campaign):
    nl = Locale.objects.get(language_code="nl")
    page = RecommendationPage.objects.get(number=3, locale=nl)
    url = f"/admin/pages/{page.pk}/edit/"
    response = editor_client.post(url, _form_data(page, number=7))
    assert "Aanbeveling 7 bestaat hier al" in response.content.decode()

    response = editor_client.post(url, _form_data(page, number=12, **{"action-publish": "1"}))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.number == 12
    assert _numbers(_soup(editor_client, "/nl/aanbevelingen/"))[-1] == 12


def test_api_lists_recommendations_per_language_read_only(client, campaign):
    response = client.get(
        "/api/v2/pages/",
        {"type": "recommendations.RecommendationPage", "locale": "fr", "fields": "number,lead"},
    )
    items = response.json()["items"]
    assert [item["number"] for item in sorted(items, key=lambda i: i["number"])] == list(
        range(1, 11)
    )
    assert items[0]["meta"]["locale"] == "fr"
    assert client.post("/api/v2/pages/", {}).status_code == 405
    documents = client.get("/api/v2/documents/").json()
    # The handbook and the recommendations as PDF, in three languages.
    assert documents["meta"]["total_count"] == 6
    assert client.delete(f"/api/v2/documents/{documents['items'][0]['id']}/").status_code == 405


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/nl/aanbevelingen/woningaanbod/", "Aanbeveling 2"),
        ("/fr/recommandations/offre-de-logements/", "Recommandation 2"),
        ("/en/recommendations/suitable-housing/", "Recommendation 2"),
        ("/fr/recommandations/", "Tous les thèmes"),
        ("/fr/search/?q=xylofoon", "Aucun résultat pour « xylofoon »"),
        ("/nl/search/?q=xylofoon", "Niets gevonden voor “xylofoon”"),
    ],
)
def test_interface_strings_come_from_the_catalogues(client, campaign, path, expected):
    assert expected in client.get(path).content.decode()
