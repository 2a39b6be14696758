"""A recommendation's links (previous and next, related recommendations,
themes) and its language switcher are kept with its cached copies, for the
renders the page cache does not answer (a visitor with a session, the page
cache off): whatever changes them shows at once."""

import pytest
from wagtail.models import Locale

from recommendations.models import RecommendationPage, Theme
from tests.markup import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def parts_kept(page_parts_kept, campaign):
    """Recommendation 5 with a related recommendation and a theme."""
    dutch = Locale.objects.get(language_code="nl")
    page = RecommendationPage.objects.get(number=5, locale=dutch)
    page.related_recommendations = [RecommendationPage.objects.get(number=7, locale=dutch)]
    page.themes = list(Theme.objects.filter(locale=dutch).order_by("name")[:1])
    page.save_revision().publish()
    return page


def _texts(client, page: RecommendationPage, selector: str) -> list[str]:
    return [" ".join(e.get_text().split()) for e in soup(client.get(page.url)).select(selector)]


def test_a_related_recommendation_published_shows_at_once(
    client, parts_kept, django_capture_on_commit_callbacks
):
    page = parts_kept
    related = page.related_recommendations.get()
    assert _texts(client, page, ".related a") == [f"7. {related.title}"]

    related.title = "Een nieuwe titel"
    with django_capture_on_commit_callbacks(execute=True):
        related.save_revision().publish()

    assert _texts(client, page, ".related a") == ["7. Een nieuwe titel"]


def test_a_renamed_theme_shows_at_once(client, parts_kept, django_capture_on_commit_callbacks):
    page = parts_kept
    theme = page.themes.get()
    assert _texts(client, page, ".themes a") == [theme.name]

    theme.name = "Een nieuw thema"
    with django_capture_on_commit_callbacks(execute=True):
        theme.save()

    assert _texts(client, page, ".themes a") == ["Een nieuw thema"]


def test_the_page_published_shows_its_new_links_at_once(
    client, parts_kept, django_capture_on_commit_callbacks
):
    page = parts_kept
    page.related_recommendations = []
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert _texts(client, page, ".related a") == []


def test_a_preview_shows_the_drafts_links_not_the_kept_ones(client, parts_kept):
    page = parts_kept
    assert _texts(client, page, ".related a")  # kept for the live page
    page.related_recommendations = []

    preview = page.make_preview_request()

    assert preview.status_code == 200
    assert soup(preview).select(".related a") == []
