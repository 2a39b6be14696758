"""Hostile input against the defences every public page and form shares: CSRF,
body size, hosts, methods, paths. The search's and the forms' own fields (XSS
in results and emails, header injection in email fields) are tested beside them."""

import html

import pytest
from django.core.cache import cache
from django.test import Client

from coalitions.models import CoachingApplication, CoachingPage

pytestmark = pytest.mark.django_db


def test_an_oversized_search_is_answered_not_choked_on(campaign, client):
    response = client.get("/nl/search/", {"q": "migratie " * 2000})
    assert response.status_code == 200


def test_an_oversized_form_post_is_refused(campaign, settings):
    """Any public form: the CSRF check reads the body first, and Django refuses
    a body over DATA_UPLOAD_MAX_MEMORY_SIZE before any view sees it."""
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/admin/login/")  # any page with a form hands out the CSRF cookie
    token = visitor.cookies["csrftoken"].value
    too_big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = visitor.post("/nl/", {"csrfmiddlewaretoken": token, "motivation": too_big})
    assert response.status_code == 400


def test_a_form_post_without_csrf_token_is_refused(campaign):
    assert Client(enforce_csrf_checks=True).post("/nl/", {"q": "x"}).status_code == 403


@pytest.mark.parametrize("method", ["TRACE", "PROPFIND", "FOO"])
def test_unknown_methods_are_refused(campaign, client, method):
    assert client.generic(method, "/nl/").status_code == 405


def test_a_forged_host_is_refused_and_never_cached(campaign, page_cache):
    forged = Client(HTTP_HOST="evil.example")
    assert forged.get("/nl/").status_code == 400
    assert Client().get("/nl/")["X-Cache"] == "MISS"


def test_header_injection_in_a_path_is_not_reflected(campaign, client):
    response = client.get("/nl/%0d%0aSet-Cookie:%20injected=1/")
    assert response.status_code == 404
    assert "injected" not in response.cookies


# Not the municipality: the form takes it from the reference list, so a line
# break in it is an unknown town (tests/coalitions/test_municipality_reference.py).
FORGED_LINES = {
    "contact_name": "An\r\nSubject: forged",
    "coalition_name": "Coalitie\u2028Forged: line",
    "phone": "+32 2 123\x0b45 67",
}
ONE_LINE_MESSAGE = {
    "nl": "Schrijf dit op één regel, zonder regeleinden of stuurtekens.",
    "fr": "Écrivez ceci sur une seule ligne, sans retour à la ligne ni caractère de contrôle.",
    "en": "Please write this on one line, without line breaks or control characters.",
}


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize("field", list(FORGED_LINES))
def test_a_line_break_in_a_one_line_field_is_refused_in_the_visitors_language(
    campaign, reference_data, client, language, field
):
    """A newline in a town name became a fake header line in the body of both
    emails; the multi-line motivation keeps its line breaks."""
    cache.clear()  # the rate limit's counters
    page = CoachingPage.objects.get(locale__language_code=language)
    data = {
        "municipality": "Gent",
        "coalition_name": "Migratiecoalitie Gent",
        "contact_name": "An Peeters",
        "email": "an@example.org",
        "phone": "+32 2 123 45 67",
        "motivation": "Eerste regel.\nTweede regel.",
        "privacy_consent": "on",
    }

    response = client.post(page.url, {**data, field: FORGED_LINES[field]})

    assert response.status_code == 400
    assert html.escape(ONE_LINE_MESSAGE[language], quote=False) in response.text
    assert not CoachingApplication.objects.exists()
    assert client.post(page.url, data).status_code == 302
