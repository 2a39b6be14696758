"""The Wagtail site of a request is kept between requests (ops.sites): looked up
once per host, and again after any change of a site, in the same transaction
as the change and in every process after it commits."""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from ops.services import PAGE_CACHE_ALIAS
from recommendations.models import RecommendationIndexPage
from tests.markup import soup


def _site_queries(queries: CaptureQueriesContext) -> list[str]:
    """Wagtail's lookup of a host's site (its site root paths are another query)."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "wagtailcore_site"' in q["sql"] and "CASE WHEN" in q["sql"]
    ]


def _canonical(client, path: str = "/nl/") -> str:
    return soup(client.get(path)).find("link", rel="canonical")["href"]


def test_a_host_looks_its_site_up_once(client, campaign):
    client.get("/nl/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/nl/aanbevelingen/")

    assert response.status_code == 200
    assert _site_queries(queries) == []


def test_a_changed_site_is_looked_up_again(client, campaign):
    site = Site.objects.get(is_default_site=True)
    assert _canonical(client).startswith(f"http://{site.hostname}")
    site.hostname, site.port = "campagne.orbitvzw.be", 443
    site.save()

    with CaptureQueriesContext(connection) as queries:
        canonical = _canonical(client)

    assert canonical == "https://campagne.orbitvzw.be/nl/"
    assert len(_site_queries(queries)) == 1


def test_each_host_keeps_its_own_site(client, campaign):
    """Two hosts, two sites: each request is routed by its own host's site,
    also once both are kept."""
    home = Page.objects.get(depth=2, locale__language_code="nl")
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=index)

    for _round in range(2):
        assert client.get("/nl/", HTTP_HOST="testserver").context["page"].pk == home.pk
        assert client.get("/nl/", HTTP_HOST="127.0.0.1").context["page"].pk == index.pk


def test_a_moved_root_page_is_looked_up_again(client, campaign):
    """The kept site carries its root page, whose place in the tree the menu
    reads its sections from."""
    site = Site.objects.get(is_default_site=True)
    menu_before = soup(client.get("/nl/")).select("nav.primary-nav a")
    home = Page.objects.get(pk=site.root_page_id)
    new_parent = home.get_parent().add_child(instance=Page(title="Holder", slug="holder"))
    home.move(new_parent, pos="last-child")

    with CaptureQueriesContext(connection) as queries:
        menu_after = soup(client.get("/nl/")).select("nav.primary-nav a")

    assert [a.text for a in menu_after] == [a.text for a in menu_before] != []
    assert len(_site_queries(queries)) == 1


def test_a_host_outside_allowed_hosts_is_neither_looked_up_nor_kept(client, campaign):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/nl/", HTTP_HOST="forged.example")

    assert response.status_code == 400
    assert _site_queries(queries) == []
    assert caches[PAGE_CACHE_ALIAS].get("orbit-site:forged.example:80") is None


def test_a_changed_site_refreshes_the_cached_pages_here_and_in_the_cdn(
    client, campaign, page_cache, cdn, django_capture_on_commit_callbacks
):
    """The site's address is on every page (canonical and share links): a
    change of it must not leave copies that name the old one."""
    client.get("/nl/")
    assert client.get("/nl/")["X-Cache"] == "HIT"
    site = Site.objects.get(is_default_site=True)

    with django_capture_on_commit_callbacks(execute=True):
        site.hostname, site.port = "campagne.orbitvzw.be", 443
        site.save()

    response = client.get("/nl/")
    assert response["X-Cache"] == "MISS"
    assert (
        soup(response).find("link", rel="canonical")["href"] == "https://campagne.orbitvzw.be/nl/"
    )
    assert "/nl/" in cdn
