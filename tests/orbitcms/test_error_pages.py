"""The error pages: 404 inside the site's layout in the visitor's language, 500
standing on its own (no request, no database) in all three languages."""

import pytest
from django.template import loader

from tests.markup import soup, text_of


@pytest.mark.parametrize(
    ("language", "heading", "home_link"),
    [
        ("nl", "Pagina niet gevonden", "Terug naar de startpagina"),
        ("fr", "Page introuvable", "Retour à la page d'accueil"),
        ("en", "Page not found", "Back to the home page"),
    ],
)
def test_page_not_found_speaks_the_language_of_the_address(
    client, campaign, language, heading, home_link
):
    response = client.get(f"/{language}/bestaat-niet/")

    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == language
    assert heading in [text_of(h1) for h1 in page("h1")]
    assert home_link in text_of(page)
    assert page.select_one("a.skip-link")["href"] == "#main"


def test_server_error_page_renders_without_request_or_database():
    # Django renders 500.html with an empty context when everything else failed;
    # no `db` fixture here, so any query would raise.
    html = loader.get_template("500.html").render()
    sections = {section["lang"]: text_of(section) for section in soup(html)("section", lang=True)}

    for language, heading in [
        ("nl", "Er ging iets mis"),
        ("fr", "Une erreur s'est produite"),
        ("en", "Something went wrong"),
    ]:
        assert heading in sections[language]
    assert soup(html).select('link[rel="stylesheet"][href^="/static/css/orbit"]')
