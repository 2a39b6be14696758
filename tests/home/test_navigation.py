import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalitions.models import CoachingPage
from core.models import PrivacyPage
from home.models import HomePage
from recommendations.models import RecommendationIndexPage
from tests.markup import soup

pytestmark = pytest.mark.django_db


def _menu(html: str) -> list[str]:
    return [link.get_text() for link in soup(html).select("nav.primary-nav a")]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_menu_lists_the_sections_but_not_the_privacy_notice(client, campaign, language):
    home = HomePage.objects.get(locale__language_code=language)
    sections = home.get_children().live()

    menu = _menu(client.get(home.url).text)

    expected = [
        page.specific.menu_title or page.title
        for page in sections
        if not isinstance(page.specific, PrivacyPage)
    ]
    assert menu == expected
    assert len(menu) == 5


MENUS = [
    ("/nl/", ["Aanbevelingen", "Handleiding", "Coaching", "Coalities", "Gemeenten"]),
    ("/fr/", ["Recommandations", "Guide", "Accompagnement", "Coalitions", "Communes"]),
    ("/en/", ["Recommendations", "Handbook", "Coaching", "Coalitions", "Municipalities"]),
]


@pytest.mark.parametrize(("path", "titles"), MENUS)
def test_the_menu_shows_the_short_titles_load_campaign_gave(client, campaign, path, titles):
    assert _menu(client.get(path).text) == titles


def test_a_section_without_a_short_title_is_named_by_its_title(client, campaign):
    index = RecommendationIndexPage.objects.get(locale__language_code="en")
    index.menu_title = ""
    index.save_revision().publish()

    assert _menu(client.get("/en/").text)[0] == "The 10 recommendations"


@pytest.mark.parametrize("cached", [False, True], ids=["page-cache-off", "page-cache-on"])
def test_an_editor_takes_a_section_out_of_the_menu(
    client, campaign, cached, request, django_capture_on_commit_callbacks
):
    if cached:
        # The menu is kept beside the cached pages; the publish must clear it too.
        request.getfixturevalue("page_cache")
    coaching = CoachingPage.objects.get(locale__language_code="nl")
    before = _menu(client.get("/nl/").text)
    coaching.show_in_menus = False
    with django_capture_on_commit_callbacks(execute=True):
        coaching.save_revision().publish()

    after = _menu(client.get("/nl/").text)

    assert coaching.menu_title in before
    assert coaching.menu_title not in after
    assert len(after) == len(before) - 1


def test_menu_and_footer_are_rendered_from_the_cache_once_kept(client, campaign, page_cache):
    first = client.get("/nl/aanbevelingen/")
    with CaptureQueriesContext(connection) as queries:
        # Another page of the same language, which the page cache has not seen.
        second = client.get("/nl/aanbevelingen/permanente-opvang/")

    assert second.status_code == 200
    assert _menu(second.text) == _menu(first.text)
    assert soup(second).select_one('[href^="mailto:"]') is not None
    footer_tables = ("home_sitesettings", "home_privacypage")
    assert [q["sql"] for q in queries if any(t in q["sql"] for t in footer_tables)] == []
