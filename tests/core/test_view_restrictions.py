"""The pages' view restrictions in one query (core.models.ViewRestrictionsMixin)
are Wagtail's own: those of the page and its ancestors, and, for an alias,
those of the page it copies."""

import pytest
from wagtail.models import Page, PageViewRestriction

from recommendations.models import RecommendationIndexPage, RecommendationPage
from tests.markup import soup

pytestmark = pytest.mark.django_db


def _restricted(page: Page) -> PageViewRestriction:
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )


def _as_wagtail_finds_them(page: Page) -> set[int]:
    return set(Page.get_view_restrictions(page).values_list("pk", flat=True))


def _every_page() -> list[Page]:
    return list(Page.objects.filter(depth__gt=1).specific())


def test_the_restrictions_of_every_page_are_wagtails(client, campaign):
    dutch = RecommendationIndexPage.objects.get(locale__language_code="nl")
    recommendation = RecommendationPage.objects.child_of(dutch).order_by("number").last()
    # An alias of the Dutch recommendation under the French index: the
    # restriction of its Dutch original applies to it, none of its own.
    french = RecommendationIndexPage.objects.get(locale__language_code="fr")
    alias = recommendation.create_alias(parent=french, update_slug="alias-van-de-aanbeveling")
    section = _restricted(dutch)
    original = _restricted(recommendation)

    restrictions = {
        page.pk: set(page.get_view_restrictions().values_list("pk", flat=True))
        for page in _every_page()
    }

    assert restrictions == {page.pk: _as_wagtail_finds_them(page) for page in _every_page()}
    assert restrictions[recommendation.pk] == {section.pk, original.pk}
    assert restrictions[alias.pk] == {original.pk}
    # Served as Wagtail serves a page behind a password: its form, not the page.
    assert soup(client.get(alias.url)).select_one("input[type=password]") is not None
