import os
import socket
import subprocess
import sys

import pytest
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from core.models import SiteSettings
from recommendations.models import RecommendationIndexPage, RecommendationPage
from tests.ops import settings_probe

pytestmark = pytest.mark.django_db


def fetch(client: Client, url: str, expected_cache: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Cache"] == expected_cache
    return response


def test_a_repeated_visit_is_served_from_the_cache_without_any_query(
    campaign, client, page_cache, django_assert_num_queries
):
    first = fetch(client, "/nl/", "MISS")
    with django_assert_num_queries(0):
        second = fetch(client, "/nl/", "HIT")
    assert second.content == first.content


def test_pages_are_still_served_when_the_page_cache_is_down(campaign, client, page_cache, settings):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        closed_port = unused.getsockname()[1]
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/3",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        },
    }
    fetch(client, "/nl/", "MISS")
    fetch(client, "/nl/", "MISS")


def test_each_url_and_language_is_cached_apart(campaign, client, page_cache):
    recommendation = RecommendationPage.objects.live().first()
    fetch(client, "/nl/", "MISS")
    fetch(client, recommendation.url, "MISS")
    fetch(client, "/nl/?utm_source=x", "MISS")
    fetch(client, recommendation.url, "HIT")


def test_publishing_a_page_clears_the_cache(
    campaign, client, page_cache, django_capture_on_commit_callbacks
):
    fetch(client, "/nl/", "MISS")
    campaign.title = "Nieuwe titel voor de campagne"
    with django_capture_on_commit_callbacks(execute=True):
        campaign.save_revision().publish()
    response = fetch(client, "/nl/", "MISS")
    assert "Nieuwe titel voor de campagne" in response.text


def test_unpublishing_a_page_clears_the_cache(
    campaign, client, page_cache, django_capture_on_commit_callbacks
):
    recommendation = RecommendationPage.objects.live().first()
    fetch(client, recommendation.url, "MISS")
    fetch(client, recommendation.url, "HIT")
    with django_capture_on_commit_callbacks(execute=True):
        recommendation.unpublish()
    assert client.get(recommendation.url).status_code == 404


def test_moving_a_page_clears_the_cache(
    campaign, client, page_cache, django_capture_on_commit_callbacks
):
    _first, second = RecommendationPage.objects.live().order_by("path")[:2]
    old_url = second.url
    fetch(client, old_url, "MISS")
    fetch(client, old_url, "HIT")
    with django_capture_on_commit_callbacks(execute=True):
        second.move(campaign, pos="last-child")
    # Wagtail leaves a redirect behind: the old address now forwards to the new one.
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == Page.objects.get(pk=second.pk).url


def test_deleting_a_page_clears_the_cache(
    campaign, client, page_cache, django_capture_on_commit_callbacks
):
    recommendation = RecommendationPage.objects.live().first()
    url = recommendation.url
    fetch(client, url, "MISS")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=recommendation.pk).delete()
    assert client.get(url).status_code == 404


def test_a_translation_synced_by_wagtail_localize_clears_the_cache(
    campaign, client, page_cache, django_capture_on_commit_callbacks
):
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    fetch(client, index.url, "MISS")
    french = Locale.objects.get(language_code="fr")
    with django_capture_on_commit_callbacks(execute=True):
        source, _created = TranslationSource.get_or_create_from_instance(campaign)
        source.create_or_update_translation(french, publish=True, fallback=True)
    assert campaign.get_translation(french).live
    fetch(client, index.url, "MISS")


def test_saving_site_settings_clears_the_cache(
    campaign, client, page_cache, django_capture_on_commit_callbacks
):
    fetch(client, "/nl/", "MISS")
    site_settings = SiteSettings.objects.get()
    site_settings.contact_email = "nieuw@orbitvzw.be"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
    assert "nieuw@orbitvzw.be" in fetch(client, "/nl/", "MISS").text


def test_a_visitor_with_a_session_always_gets_a_fresh_page(
    campaign, client, page_cache, django_user_model
):
    fetch(Client(), "/nl/", "MISS")
    editor = django_user_model.objects.create_superuser("editor", "e@example.org", "x" * 16)
    client.force_login(editor)
    fetch(client, "/nl/", "MISS")
    fetch(client, "/nl/", "MISS")


def test_a_cdn_purged_on_publish_may_keep_pages_but_browsers_revalidate(
    campaign, client, page_cache, settings
):
    assert "Cache-Control" not in fetch(client, "/nl/", "MISS")
    page_cache.clear()
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    for expected in ("MISS", "HIT"):
        response = fetch(Client(), "/nl/", expected)
        assert response["Cache-Control"] == "max-age=0, s-maxage=600"


def test_only_gets_of_public_paths_are_cached(campaign, client, page_cache):
    fetch(client, "/nl/", "MISS")
    assert client.post("/nl/")["X-Cache"] == "MISS"
    assert client.head("/nl/")["X-Cache"] == "MISS"
    assert "X-Cache" not in client.get("/admin/login/")
    assert client.get("/nl/does-not-exist/").status_code == 404
    assert client.get("/nl/does-not-exist/")["X-Cache"] == "MISS"


@pytest.mark.urls("tests.ops.urls")
def test_a_page_marked_private_is_never_cached(campaign, client, page_cache):
    fetch(client, "/nl/private/", "MISS")
    fetch(client, "/nl/private/", "MISS")


@pytest.mark.urls("tests.ops.urls")
def test_no_visitor_receives_another_visitors_csrf_token(campaign, page_cache):
    """A page with a form sets the csrftoken cookie, so it is never stored:
    each visitor's page carries a token for their own cookie, and their post
    is accepted."""
    for _visitor in range(3):
        visitor = Client(enforce_csrf_checks=True)
        response = fetch(visitor, "/nl/form/", "MISS")
        cookie_secret = response.cookies["csrftoken"].value
        token = response.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        assert _unmask_cipher_token(token) == cookie_secret
        assert visitor.post("/nl/form/", {"csrfmiddlewaretoken": token}).status_code == 200
    # A returning visitor who already holds the cookie is not cached either.
    fetch(visitor, "/nl/form/", "MISS")


@pytest.mark.django_db(transaction=True)
def test_a_publish_in_another_process_clears_the_cache_this_process_serves(campaign, page_cache):
    """As when a Celery worker publishes a translation synced by wagtail-localize."""
    fetch(Client(), "/nl/", "MISS")
    fetch(Client(), "/nl/", "HIT")
    database = connection.settings_dict
    database_url = (
        f"sqlite:///{database['NAME']}"
        if connection.vendor == "sqlite"
        else f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    publish = (
        "import django; django.setup()\n"
        "from home.models import HomePage\n"
        "home = HomePage.objects.get(locale__language_code='nl')\n"
        "home.title = 'Gepubliceerd door een ander proces'\n"
        "home.save_revision().publish()\n"
    )
    subprocess.run(
        [sys.executable, "-c", publish],
        cwd=settings_probe.ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "orbitcms.settings.test",
            "DATABASE_URL": database_url,
        },
        check=True,
        capture_output=True,
    )
    assert "Gepubliceerd door een ander proces" in fetch(Client(), "/nl/", "MISS").text
