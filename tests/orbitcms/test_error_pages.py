"""The error pages: 404 inside the site's layout in the visitor's language, 500
standing on its own (no request, no database) in all three languages."""

import pytest
from django.template import loader


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
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert home_link in html.replace("&#x27;", "'")
    assert 'class="skip-link" href="#main"' in html


def test_server_error_page_renders_without_request_or_database():
    # Django renders 500.html with an empty context when everything else failed;
    # no `db` fixture here, so any query would raise.
    html = loader.get_template("500.html").render()

    for language, heading in [
        ("nl", "Er ging iets mis"),
        ("fr", "Une erreur s'est produite"),
        ("en", "Something went wrong"),
    ]:
        assert f'<section lang="{language}">' in html
        assert heading in html
    assert "/static/css/orbit" in html
