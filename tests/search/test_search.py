import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils.html import strip_tags
from wagtail.models import Locale

from recommendations.models import RecommendationIndexPage, RecommendationPage, Theme
from tests.markup import soup, text_of

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _titles(html: str) -> list[str]:
    """The titles of the results, in the order shown (each result has a snippet)."""
    results = soup(html).select("ol.search-results > li")
    return [result.a.get_text() for result in results if result.select_one("p.snippet")]


def _marked(html: str) -> list[str]:
    """The words the snippets highlight."""
    return [mark.get_text() for mark in soup(html).select("p.snippet mark")]


def _add_recommendation(number: int, body: str, language: str = "nl") -> RecommendationPage:
    index = RecommendationIndexPage.objects.get(locale__language_code=language)
    page = RecommendationPage(
        title=f"Testaanbeveling {number}",
        slug=f"test-{number}",
        number=number,
        body=[{"type": "paragraph", "value": f"<p>{body}</p>"}],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_results_are_in_the_visitors_language_with_highlights(client, campaign):
    html = client.get("/fr/search/", {"q": "logement"}).content.decode()
    assert "Une offre de logements adaptée et des logements de démarrage" in _titles(html)
    assert any(word.startswith("logement") for word in _marked(html))
    assert not any("woning" in title for title in _titles(html))


def test_handbook_documents_are_found_per_language(client, campaign):
    sections = [
        soup(client.get(path, {"q": query})).select_one("section.search-documents")
        for path, query in (("/nl/search/", "handleiding"), ("/en/search/", "handbook"))
    ]
    documents = [[(text_of(li.a), text_of(li)) for li in found("li")] for found in sections]
    assert (
        "Handleiding voor een lokale migratiecoalitie",
        "Handleiding voor een lokale migratiecoalitie (PDF)",
    ) in documents[0]
    assert (
        "Handbook for a local migration coalition",
        "Handbook for a local migration coalition (PDF)",
    ) in documents[1]
    assert "Handleiding" not in str(sections[1])


@pytest.mark.parametrize(
    ("language", "text", "query"),
    [
        ("nl", "Elke nieuwkomer vindt een betaalbare woning.", "woningen"),
        ("fr", "Chaque commune doit bien accueillir", "accueil"),
        ("en", "Every newcomer finds affordable housing.", "houses"),
    ],
)
def test_each_language_stems_with_its_own_rules(client, campaign, language, text, query):
    """Each page is stemmed with its language's rules (Dutch rules would leave
    'accueillir' and 'housing' whole), on SQLite as on PostgreSQL."""
    _add_recommendation(11, text, language=language)
    exact_word = re.findall(r"\w+", text)[-1]
    exact = _titles(client.get(f"/{language}/search/", {"q": exact_word}).text)
    stemmed = _titles(client.get(f"/{language}/search/", {"q": query}).text)
    assert "Testaanbeveling 11" in exact
    assert "Testaanbeveling 11" in stemmed


@pytest.mark.parametrize("query", ["woning", "huur", "huurwoning", "sociale woningen"])
def test_a_new_page_is_found_by_the_parts_of_its_compounds(client, campaign, query):
    """Publishing indexes the compound's parts: no list of the site's words to update."""
    _add_recommendation(11, "Meer sociale huurwoningen voor nieuwkomers.")
    assert "Testaanbeveling 11" in _titles(client.get("/nl/search/", {"q": query}).text)


def test_a_compound_query_needs_all_its_parts(client, campaign):
    _add_recommendation(11, "Een dienst voor migratie in elke gemeente.")
    _add_recommendation(12, "Een dienst voor de inwoners van de gemeente.")
    found = _titles(client.get("/nl/search/", {"q": "migratiedienst"}).text)
    assert "Testaanbeveling 11" in found
    assert "Testaanbeveling 12" not in found


@pytest.mark.parametrize(
    ("language", "theme"), [("nl", "kiesrecht"), ("fr", "droit de vote"), ("en", "voting rights")]
)
def test_a_theme_name_finds_what_is_tagged_with_it(client, campaign, language, theme):
    """The Dutch page is tagged; its translations keep the tag, found by the
    theme's name in their own language."""
    page = _add_recommendation(11, "Een tekst zonder het woord.")
    page.themes = [Theme.objects.get(slug="kiesrecht", locale__language_code="nl")]
    page.save_revision().publish()
    if language != "nl":
        translation = page.copy_for_translation(Locale.objects.get(language_code=language))
        translation.save_revision().publish()
    assert "Testaanbeveling 11" in _titles(client.get(f"/{language}/search/", {"q": theme}).text)


def test_renaming_a_theme_renames_it_in_the_index(client, campaign):
    theme = Theme.objects.get(slug="kiesrecht", locale__language_code="fr")
    theme.name = "Suffrage"
    theme.save()
    assert "Informer activement les non-Belges de leur droit de vote" in _titles(
        client.get("/fr/search/", {"q": "suffrage"}).text
    )


def test_snippets_mark_the_compounds_a_word_is_found_in(client, campaign):
    _add_recommendation(11, "Meer sociale huurwoningen voor nieuwkomers.")
    html = client.get("/nl/search/", {"q": "woning"}).text
    assert "woningaanbod" in _marked(html)
    assert "huurwoningen" in _marked(html)


def test_results_are_paginated(client, campaign):
    for number in range(11, 36):
        _add_recommendation(number, f"Een zeldzaamwoord in testtekst {number}.")
    first = client.get("/nl/search/", {"q": "zeldzaamwoord"}).content.decode()
    last = client.get("/nl/search/", {"q": "zeldzaamwoord", "page": 3}).content.decode()
    beyond = client.get("/nl/search/", {"q": "zeldzaamwoord", "page": 99}).content.decode()
    assert len(_titles(first)) == 10
    assert "25 " in strip_tags(first)
    assert len(_titles(last)) == 5
    assert _titles(beyond) == _titles(last)
    assert soup(first).find("a", rel="next") is not None
    assert soup(last).find("a", rel="next") is None


def test_nothing_found_helps_the_visitor(client, campaign):
    html = client.get("/nl/search/", {"q": "xylofoonkwartet"}).content.decode()
    assert soup(html).select_one(".search-empty") is not None
    assert "xylofoonkwartet" in html
    assert _titles(html) == []


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "a" * 5000,
        "%$#@!&*()",
        "'; DROP TABLE wagtailcore_page; --",
        '" OR 1=1 --',
        "<script>alert('x')</script>",
        "<b>opvang</b>",
        "opvang\x00",
        "AND OR NOT NEAR",
        "woning*",
    ],
)
def test_odd_input_never_breaks_the_page(client, campaign, query):
    response = client.get("/nl/search/", {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    # The query must come back escaped: re-serialised, the main content would
    # show the tag as markup if the page had let it through.
    assert "<b>opvang</b>" not in str(soup(html).find("main", id="main"))
    assert client.get("/nl/aanbevelingen/").status_code == 200


@pytest.mark.processes
def test_elasticsearch_is_selected_by_configuration():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "b = settings.WAGTAILSEARCH_BACKENDS['default']; print(b['BACKEND'], b['URLS'][0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "orbitcms.settings.test",
            "SEARCH_BACKEND_URL": "http://127.0.0.1:9200",
            "SEARCH_BACKEND": "wagtail.search.backends.opensearch2",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["wagtail.search.backends.opensearch2", "http://127.0.0.1:9200"]
