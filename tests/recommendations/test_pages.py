import re

import pytest
from django.utils.html import strip_tags
from wagtail.models import Locale

from recommendations.models import RecommendationIndexPage, RecommendationPage

pytestmark = pytest.mark.django_db


def _numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<li value="(\d+)" id="aanbeveling-', html)]


@pytest.mark.parametrize(
    "path", ["/nl/aanbevelingen/", "/fr/recommandations/", "/en/recommendations/"]
)
def test_index_lists_all_ten_in_number_order(client, campaign, path):
    assert _numbers(client.get(path).content.decode()) == list(range(1, 11))


@pytest.mark.parametrize(
    ("path", "theme_name"),
    [("/nl/aanbevelingen/?theme=wonen", "Wonen"), ("/fr/recommandations/?theme=wonen", "Logement")],
)
def test_theme_filter_keeps_only_that_theme(client, campaign, path, theme_name):
    html = client.get(path).content.decode()
    assert _numbers(html) == [2, 3]
    assert re.search(rf'aria-current="true">{theme_name}</a>', html)


def test_unknown_theme_shows_everything(client, campaign):
    html = client.get("/nl/aanbevelingen/?theme=<script>").content.decode()
    assert _numbers(html) == list(range(1, 11))
    assert "<script>" not in html


def test_recommendation_links_previous_next_and_related_in_its_language(client, campaign):
    html = client.get("/fr/recommandations/offre-de-logements/").content.decode()
    assert 'rel="prev" href="/fr/recommandations/politique-nord-sud/"' in html
    assert 'rel="next" href="/fr/recommandations/accueil-permanent/"' in html
    assert 'href="/fr/recommandations/service-migration/">9. Un service communal' in html
    assert ">Logement</a>" in html


def test_first_and_last_have_one_neighbour(client, campaign):
    first = client.get("/nl/aanbevelingen/noord-zuidbeleid/").content.decode()
    last = client.get("/nl/aanbevelingen/elk-kind/").content.decode()
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_print_view_has_all_ten_texts_on_one_page(client, campaign):
    response = client.get("/nl/aanbevelingen/print/")
    text = " ".join(strip_tags(response.content.decode()).split())
    for page in RecommendationPage.objects.filter(locale__language_code="nl"):
        assert page.title in text
    assert "<b>minstens 0,7%</b>" in response.content.decode()
    assert "site-header" not in response.content.decode()


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-editor-1")
    client.force_login(user)
    return client


def _form_data(page: RecommendationPage | None, **changes) -> dict:
    data = {
        "title": "Nieuwe aanbeveling",
        "slug": "nieuwe-aanbeveling",
        "number": 11,
        "lead": "",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    if page is not None:
        data.update(title=page.title, slug=page.slug, number=page.number, lead=page.lead)
    data.update(changes)
    return data


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
    assert _numbers(editor_client.get("/nl/aanbevelingen/").content.decode())[-1] == 12


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
