"""The queries of an uncached render of the home page and of a recommendation,
pinned: a change that adds one fails here, and says how many it adds. Each
count is taken at two sizes of what the page lists (recommendations on the
home page; related recommendations and themes on a recommendation), so a
query per listed item fails too.

As in production with the page cache off for the page (a visitor with a
session, a page with a form): the menu and the footer, and the parts of the
page kept with its cached copies, are kept beside the page cache, and the
per-process caches (site root paths, content types, renditions) are warm.
The first render after a publish reads those parts again: the pins of
that render are in COLD_QUERIES."""

from html import unescape

import pytest
from django.utils.html import strip_tags
from wagtail.models import Locale

from ops.services import page_cache_paths_expire
from recommendations.models import RecommendationIndexPage, RecommendationPage, Theme
from tests.factories import RecommendationPageFactory
from tests.markup import soup, text_of

pytestmark = pytest.mark.django_db

# Each pin: (the parts of the page kept, the first render after a publish).
# None looks the site up: it is kept between requests (ops.sites).
# Active locale, home page (Wagtail's routing); the view restriction
# check (2: the ancestors, to follow aliases, then their restrictions); the
# hero image. Kept with the page's cached copies: the sections'
# figures and lists, and the translations for the language switcher; after a
# publish (5): the coaching page's Dutch original with its places taken,
# which also give the towns coached; the listed coalitions and the
# municipalities that adopted a recommendation; the recommendations; the
# translations. The sections themselves stay kept, like the menu, until the
# page cache is cleared.
HOME_QUERIES = (5, 10)
# Active locale; routing (3): the home page, the index (found; its own
# fields are never read), the recommendation (found as one); the view restriction
# check (2). Kept with the page's cached copies; after a publish (8): previous
# and next (1); related recommendations and their translations (2); themes and
# their translations (2); the current campaign cycle and the municipalities
# that adopted the recommendation (2); the translations for the language
# switcher. The breadcrumbs take none: routing left each page its parent.
RECOMMENDATION_QUERIES = (6, 14)
# Active locale; routing (3): the home page, the index (found, then its
# own fields); the view restriction check (2); the themes; the generated PDF;
# the recommendations. Kept with the page's cached copies; after a publish
# (1): the translations for the language switcher. The breadcrumbs take none:
# routing left the index its parent.
SECTION_QUERIES = (9, 10)


def _render(client, django_assert_num_queries, path: str, queries: tuple[int, int]) -> None:
    """A render with the parts of the page kept, then the first render after
    a publish that shows on the page, which reads them again."""
    kept, cold = queries
    assert client.get(path).status_code == 200  # warms the per-process caches
    with django_assert_num_queries(kept):
        assert client.get(path).status_code == 200
    page_cache_paths_expire(paths=[path])
    with django_assert_num_queries(cold):
        assert client.get(path).status_code == 200


def test_the_home_page_renders_in_a_fixed_number_of_queries(
    client, campaign, page_parts_kept, django_assert_num_queries
):
    _render(client, django_assert_num_queries, "/nl/", HOME_QUERIES)
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    for number in range(11, 16):
        RecommendationPageFactory(parent=index, number=number)
    _render(client, django_assert_num_queries, "/nl/", HOME_QUERIES)
    assert "Aanbeveling 15" in client.get("/nl/").text


def test_a_recommendation_renders_in_a_fixed_number_of_queries(
    client, campaign, page_parts_kept, django_assert_num_queries
):
    dutch = Locale.objects.get(language_code="nl")
    page = RecommendationPage.objects.get(number=5, locale=dutch)
    others = RecommendationPage.objects.filter(locale=dutch).exclude(pk=page.pk)
    page.related_recommendations = list(others.order_by("number")[:1])
    page.themes = list(Theme.objects.filter(locale=dutch).order_by("name")[:1])
    page.save_revision().publish()
    _render(client, django_assert_num_queries, page.url, RECOMMENDATION_QUERIES)

    related = list(others.order_by("number")[:6])
    themes = list(Theme.objects.filter(locale=dutch).order_by("name")[:4])
    page.related_recommendations = related
    page.themes = themes
    page.save_revision().publish()
    _render(client, django_assert_num_queries, page.url, RECOMMENDATION_QUERIES)
    links = [text_of(link) for link in soup(client.get(page.url)).select("a")]
    assert all(theme.name in links for theme in themes)
    assert all(f"{other.number}. {other.title}" in links for other in related)


def test_a_section_renders_in_a_fixed_number_of_queries(
    client, campaign, page_parts_kept, django_assert_num_queries
):
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    _render(client, django_assert_num_queries, index.url, SECTION_QUERIES)
    html = unescape(strip_tags(client.get(index.url).text))
    # The index's own fields are shown, whatever routing loaded first.
    assert unescape(strip_tags(index.intro))[:60] in html
