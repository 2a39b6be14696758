import datetime
import gzip
import hashlib
import os
import socket
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction
from wagtail_localize.models import TranslationSource

from coalitions.models import CoalitionIndexPage
from coalitions.services.coalitions import coalition_decide
from coalitions.services.personal_data import personal_data_erase
from core.models import SiteSettings
from ops.middleware import Entry, WorkerCopies
from ops.services import page_cache_paths_expire, page_cache_version_key
from recommendations.models import RecommendationIndexPage, RecommendationPage
from tests.factories import RecommendationPageFactory
from tests.factories.coalitions import CoalitionFactory
from tests.markup import soup
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


@pytest.mark.parametrize("secure", [False, True], ids=["http", "https"])
def test_a_hit_carries_the_headers_of_the_render_it_copies(
    campaign, client, page_cache, settings, secure
):
    """The lookup runs before the security and policy middleware: a hit must
    still carry what they gave the render (HSTS over HTTPS, the policy...)."""
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_SSL_REDIRECT = False
    first = client.get("/nl/", secure=secure)
    second = client.get("/nl/", secure=secure)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    security = {
        "Content-Security-Policy",
        "Cross-Origin-Opener-Policy",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
    } | ({"Strict-Transport-Security"} if secure else set())
    assert security <= set(first.headers)
    assert {**first.headers, "X-Cache": "HIT"} == dict(second.headers)
    assert second.status_code == 200
    assert second.content == first.content


def test_plain_http_gets_its_redirect_even_where_a_copy_was_stored_before(
    campaign, client, page_cache, settings
):
    """Copies stored over plain HTTP before the HTTPS redirect was switched on
    (a trial, TLS set up later) never stand in for the redirect."""
    settings.SECURE_SSL_REDIRECT = False
    fetch(client, "/nl/", "MISS")
    fetch(client, "/nl/", "HIT")
    settings.SECURE_SSL_REDIRECT = True
    # A new client: the security middleware reads the setting when it starts.
    response = Client().get("/nl/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


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


def test_pages_are_still_served_when_the_disk_under_the_page_cache_is_full(
    campaign, client, page_cache_on_full_disk, caplog
):
    with pytest.raises(OSError, match="No space left"):
        (page_cache_on_full_disk / "probe").write_bytes(b"x" * 4096)
    fetch(client, "/nl/", "MISS")
    fetch(client, "/nl/", "MISS")
    assert any("Page cache write failed" in record.message for record in caplog.records)


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


def test_publishing_a_recommendation_refreshes_what_shows_it_and_keeps_the_rest(
    campaign, client, page_cache, django_capture_on_commit_callbacks
):
    dutch = Locale.objects.get(language_code="nl")
    published = RecommendationPage.objects.get(locale=dutch, number=3)
    linking = RecommendationPage.objects.filter(related_recommendations=published, locale=dutch)
    index = published.get_parent()
    # Its new title shows on the recommendations beside it too (previous, next).
    siblings = published.get_siblings(inclusive=False).live()
    shows_it = {
        published.url, index.url, index.url + "print/", "/nl/", "/nl/search/?q=opvang",
        *(page.url for page in linking.live()), *(page.url for page in siblings),
    }  # fmt: skip
    # Pages in French and English show their own translation of it.
    others = {
        page.url
        for page in Page.objects.live().exclude(depth__lte=3).specific()
        if page.url not in shows_it
    } | {"/fr/", "/en/"}
    assert linking and len(others) >= 20
    for url in shows_it | others:
        fetch(client, url, "MISS")

    published.title = "Permanente opvang, herschreven"
    with django_capture_on_commit_callbacks(execute=True):
        published.save_revision().publish()

    hit = [url for url in sorted(shows_it) if client.get(url)["X-Cache"] != "MISS"]
    assert hit == []
    assert "Permanente opvang, herschreven" in client.get(index.url).text
    missed = [url for url in sorted(others) if client.get(url)["X-Cache"] != "HIT"]
    assert missed == []


def test_a_publish_that_changes_nothing_they_show_keeps_its_siblings_and_translations(
    campaign, client, page_cache, django_capture_on_commit_callbacks
):
    """The recommendations beside it show its number and title, its
    translations only link it: a new lead leaves them cached, but for those
    that list it among their related recommendations."""
    dutch = Locale.objects.get(language_code="nl")
    published = RecommendationPage.objects.get(locale=dutch, number=3)
    siblings = published.get_siblings(inclusive=False).live()
    kept = [
        page.url for page in siblings.exclude(recommendationpage__related_recommendations=published)
    ]
    kept += [page.url for page in published.get_translations().live()]
    assert len(kept) >= 8
    for url in kept:
        fetch(client, url, "MISS")

    published.lead = "Een nieuwe inleiding, die alleen deze pagina toont."
    with django_capture_on_commit_callbacks(execute=True):
        published.save_revision().publish()

    assert [url for url in kept if client.get(url)["X-Cache"] != "HIT"] == []


@pytest.mark.parametrize("taken_offline", ["by an editor", "at its expiry time"])
def test_a_translation_live_again_refreshes_the_pages_that_switch_to_it(
    campaign, client, page_cache, django_capture_on_commit_callbacks, taken_offline
):
    """While a translation is not live, the language switcher of the Dutch
    page offers the Dutch page itself; once it is published again, the
    translation. Wagtail logs an expiry apart from an editor's unpublish."""
    dutch, french = (Locale.objects.get(language_code=code) for code in ("nl", "fr"))
    source = RecommendationPage.objects.get(locale=dutch, number=3)
    translated = source.get_translation(french)
    with django_capture_on_commit_callbacks(execute=True):
        if taken_offline == "by an editor":
            translated.unpublish()
        else:
            translated.expire_at = timezone.now() - datetime.timedelta(minutes=1)
            translated.save()
            call_command("publish_scheduled")
    translated.refresh_from_db()
    assert not translated.live

    def french_link(url: str) -> str:
        return soup(client.get(url)).select_one('a[hreflang="fr"][lang="fr"]')["href"]

    assert french_link(source.url) != translated.url
    fetch(client, source.url, "HIT")

    with django_capture_on_commit_callbacks(execute=True):
        translated.get_latest_revision().publish()

    assert french_link(source.url) == translated.url


def test_a_publish_purges_the_pages_that_show_it_from_the_cdn_too(
    campaign, page_cache, cdn, django_capture_on_commit_callbacks
):
    """Wagtail purges the CDN of the published page; its listing, the pages
    linking it and the home page are purged with the site's own cache."""
    dutch = Locale.objects.get(language_code="nl")
    published = RecommendationPage.objects.get(locale=dutch, number=3)
    index = published.get_parent()
    linking = RecommendationPage.objects.filter(related_recommendations=published, locale=dutch)
    with django_capture_on_commit_callbacks(execute=True):
        published.save_revision().publish()
    assert {published.url, index.url, "/nl/", *(page.url for page in linking.live())} <= set(cdn)
    # Only addresses that exist: not the Dutch path under another language's prefix.
    assert [
        path for path in cdn if path.startswith(("/fr/aanbevelingen/", "/en/aanbevelingen/"))
    ] == []


def test_publishing_a_translation_refreshes_the_pages_of_its_language_that_link_it(
    campaign, client, page_cache, django_capture_on_commit_callbacks
):
    """Related recommendations link the Dutch pages and show each in the
    reader's language: the French pages that link recommendation 3 show its
    French title, which the translator's publish changes."""
    dutch, french = (Locale.objects.get(language_code=code) for code in ("nl", "fr"))
    source = RecommendationPage.objects.get(locale=dutch, number=3)
    translated = source.get_translation(french)
    linking_in_french = RecommendationPage.objects.filter(
        translation_key__in=RecommendationPage.objects.filter(
            related_recommendations=source
        ).values("translation_key"),
        locale=french,
    )
    assert linking_in_french
    for page in linking_in_french:
        fetch(client, page.url, "MISS")

    translated.title = "Accueil permanent, réécrit"
    with django_capture_on_commit_callbacks(execute=True):
        translated.save_revision().publish()

    for page in linking_in_french:
        assert "Accueil permanent, réécrit" in fetch(client, page.url, "MISS").text


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
        token = soup(response).select_one('input[name="csrfmiddlewaretoken"]')["value"]
        assert _unmask_cipher_token(token) == cookie_secret
        assert visitor.post("/nl/form/", {"csrfmiddlewaretoken": token}).status_code == 200
    # A returning visitor who already holds the cookie is not cached either.
    fetch(visitor, "/nl/form/", "MISS")


@pytest.mark.django_db(transaction=True)
@pytest.mark.processes
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


def test_a_page_made_private_is_no_longer_served_from_the_cache(
    campaign, client, page_cache, cdn, django_capture_on_commit_callbacks
):
    recommendation = RecommendationPage.objects.live().first()
    fetch(client, recommendation.url, "MISS")
    fetch(client, recommendation.url, "HIT")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=recommendation, restriction_type=PageViewRestriction.LOGIN
        )
    response = client.get(recommendation.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert recommendation.url in cdn

    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert recommendation.url in cdn


def test_a_collection_made_private_clears_the_cache(
    campaign, client, page_cache, cdn, django_capture_on_commit_callbacks
):
    fetch(client, "/nl/", "MISS")
    fetch(client, "/nl/", "HIT")
    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(
            collection=Collection.get_first_root_node(),
            restriction_type=CollectionViewRestriction.LOGIN,
        )
    fetch(client, "/nl/", "MISS")
    assert "/nl/" in cdn


def test_a_renamed_theme_shows_at_once(
    campaign, client, page_cache, cdn, django_capture_on_commit_callbacks
):
    recommendation = (
        RecommendationPage.objects.live()
        .filter(locale__language_code="nl", themes__isnull=False)
        .first()
    )
    theme = recommendation.themes.first()
    fetch(client, recommendation.url, "MISS")
    fetch(client, recommendation.url, "HIT")
    theme.name = "Hernoemd thema"
    with django_capture_on_commit_callbacks(execute=True):
        theme.save()
    assert "Hernoemd thema" in fetch(client, recommendation.url, "MISS").text
    assert recommendation.url in cdn


def test_an_unlisted_or_erased_coalition_is_purged_from_the_cdn_too(
    campaign, client, page_cache, cdn, django_capture_on_commit_callbacks
):
    """The coalitions page lists them and the home page counts them: neither
    may keep showing one in the CDN after an editor hid it or erased it."""
    coalition_page = CoalitionIndexPage.objects.get(locale__language_code="nl")
    coalition = CoalitionFactory(page=coalition_page, listing_consent=True)
    with django_capture_on_commit_callbacks(execute=True):
        coalition_decide(coalition_id=coalition.pk, decision="list")
    assert coalition.name in fetch(client, coalition_page.url, "MISS").text

    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        coalition_decide(coalition_id=coalition.pk, decision="hide")
    assert {"/nl/", coalition_page.url} <= set(cdn)
    assert coalition.name not in fetch(client, coalition_page.url, "MISS").text

    with django_capture_on_commit_callbacks(execute=True):
        coalition_decide(coalition_id=coalition.pk, decision="list")
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        personal_data_erase(email=coalition.email)
    assert {"/nl/", coalition_page.url} <= set(cdn)
    assert coalition.name not in fetch(client, coalition_page.url, "MISS").text


def test_a_browser_gets_the_hit_gzipped_and_a_client_without_gzip_the_plain_page(
    campaign, client, page_cache
):
    plain = fetch(client, "/nl/", "MISS")
    assert "Accept-Encoding" in plain["Vary"]

    gzipped = client.get("/nl/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert (gzipped["X-Cache"], gzipped["Content-Encoding"]) == ("HIT", "gzip")
    assert gzip.decompress(gzipped.content) == plain.content
    assert int(gzipped["Content-Length"]) == len(gzipped.content) < len(plain.content) / 2
    assert "Accept-Encoding" in gzipped["Vary"]

    again = fetch(client, "/nl/", "HIT")
    assert again.content == plain.content
    assert not again.has_header("Content-Encoding")
    assert int(again["Content-Length"]) == len(plain.content)


def test_an_entry_in_another_form_is_a_miss_not_an_error(campaign, client, page_cache):
    """As after a deploy over a cache that older code filled."""
    fetch(client, "/nl/", "MISS")
    key = "page-v:" + hashlib.sha256(b"http://testserver/nl/").hexdigest()
    assert key in page_cache
    page_cache.set(key, HttpResponse("a response stored by older code"), 600)
    response = fetch(client, "/nl/", "MISS")
    assert "a response stored by older code" not in response.text


def test_a_copy_whose_path_version_was_evicted_is_not_served(campaign, client, page_cache):
    recommendation = RecommendationPage.objects.live().first()
    fetch(client, recommendation.url, "MISS")
    fetch(client, recommendation.url, "HIT")
    page_cache.delete(page_cache_version_key(recommendation.url))
    fetch(client, recommendation.url, "MISS")
    fetch(client, recommendation.url, "HIT")


def test_publishing_a_page_with_an_accented_slug_refreshes_it(
    campaign, client, page_cache, django_capture_on_commit_callbacks
):
    index = RecommendationIndexPage.objects.get(locale__language_code="fr")
    page = RecommendationPageFactory(parent=index, number=11, slug="égalité", title="Égalité")
    fetch(client, page.url, "MISS")
    fetch(client, page.url, "HIT")
    page.title = "Égalité des chances"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "Égalité des chances" in fetch(client, page.url, "MISS").text


def test_a_new_slug_leaves_no_cached_copy_at_the_old_address(
    campaign, client, page_cache, django_capture_on_commit_callbacks
):
    recommendation = RecommendationPage.objects.live().first()
    old_url = recommendation.url
    fetch(client, old_url, "MISS")
    recommendation.slug = "een-nieuw-adres"
    with django_capture_on_commit_callbacks(execute=True):
        recommendation.save_revision().publish()
    assert client.get(old_url).status_code == 301


def test_a_worker_serves_its_own_copy_while_the_path_version_stands(campaign, client, page_cache):
    """A repeated hit reads the path's version, not the page: the copy this
    worker served last stands in for the shared one, unchanged."""
    first = fetch(client, "/nl/", "MISS")
    fetch(client, "/nl/", "HIT")
    key = "page-v:" + hashlib.sha256(b"http://testserver/nl/").hexdigest()
    page_cache.delete(key)
    again = fetch(client, "/nl/", "HIT")
    assert again.content == first.content
    assert {**first.headers, "X-Cache": "HIT"} == dict(again.headers)


def test_a_worker_never_serves_its_copy_after_the_path_expired(campaign, client, page_cache):
    """As after a publish in another process: the shared version changed, so
    this worker's copy is stale though nothing told the worker."""
    recommendation = RecommendationPage.objects.live().first()
    fetch(client, recommendation.url, "MISS")
    fetch(client, recommendation.url, "HIT")
    RecommendationPage.objects.filter(pk=recommendation.pk).update(title="Stil herschreven")
    page_cache_paths_expire(paths=[recommendation.url])
    assert "Stil herschreven" in fetch(client, recommendation.url, "MISS").text
    fetch(client, recommendation.url, "HIT")


def _stored(body: bytes, expires: float) -> Entry:
    return ("version", expires, 200, [("Content-Type", "text/html")], body, None)


def test_a_worker_copy_expires_when_the_shared_copy_does():
    copies = WorkerCopies(max_bytes=1024)
    copies.put("current", _stored(b"page", time.time() + 600))
    copies.put("expired", _stored(b"page", time.time() - 1))
    assert copies.get("current") is not None
    assert copies.get("expired") is None
    assert copies.size == len(b"page")


def test_worker_copies_keep_the_most_recently_served_within_their_bytes():
    copies = WorkerCopies(max_bytes=10)
    expires = time.time() + 600
    for key in ("a", "b"):
        copies.put(key, _stored(b"x" * 4, expires))
    copies.get("a")
    copies.put("c", _stored(b"x" * 4, expires))
    copies.put("too large", _stored(b"x" * 11, expires))
    assert list(copies.entries) == ["a", "c"]
    assert copies.size == 8


@pytest.mark.parametrize("page_cache_on", [False, True], ids=["parts kept", "page cache"])
def test_a_render_reads_its_paths_version_once(
    campaign, client, page_cache, settings, page_cache_on
):
    """A recommendation keeps three parts under its path's version (its links,
    the language switcher, the towns that adopted it): the version is read
    once per request, by the page cache when it looks the page up, else by
    the first part."""
    settings.PAGE_CACHE_SECONDS = 600 if page_cache_on else 0
    path = RecommendationPage.objects.filter(locale__language_code="nl").first().url
    client.get(path)
    page_cache_paths_expire(paths=[path])  # a fresh render, with the parts kept
    version_key = page_cache_version_key(path)
    read: list[str] = []
    inside_get_many = []
    cache_class = type(page_cache)
    get, get_many = cache_class.get, cache_class.get_many

    def counted_get(self, key, *args, **kwargs):
        if not inside_get_many:  # Django's file cache reads many keys one by one
            read.append(key)
        return get(self, key, *args, **kwargs)

    def counted_get_many(self, keys, *args, **kwargs):
        read.extend(keys)
        inside_get_many.append(True)
        try:
            return get_many(self, keys, *args, **kwargs)
        finally:
            inside_get_many.pop()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache_class, "get", counted_get)
        patch.setattr(cache_class, "get_many", counted_get_many)
        # Another server process, which holds no copy of the page of its own.
        assert Client().get(path).status_code == 200

    assert read.count(version_key) == 1
