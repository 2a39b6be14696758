"""The home page's sections, with their figures and lists, are kept beside
its cached copies for renders the page cache does not answer (a visitor with
a session, the page cache off): whatever changes them (a section published
or made private, a place taken, a recommendation published) shows at once."""

import pytest
from wagtail.models import PageViewRestriction

from coalitions.models import CoachingPage
from coalitions.services.coaching import coaching_application_decide
from recommendations.models import RecommendationIndexPage
from tests.factories import RecommendationPageFactory
from tests.factories.coalitions import CoachingApplicationFactory
from tests.markup import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections_kept(page_parts_kept, campaign):
    """The Dutch coaching page, whose places the home page shows."""
    return CoachingPage.objects.get(locale__language_code="nl")


def _card(client, page: CoachingPage):
    return soup(client.get("/nl/")).select_one(f".cta-card:has(a[href='{page.url}'])")


def test_a_published_section_shows_on_the_home_page_at_once(
    client, sections_kept, django_capture_on_commit_callbacks
):
    coaching = sections_kept
    assert "Nieuwe inleiding" not in _card(client, coaching).get_text()

    coaching.intro = "<p>Nieuwe inleiding</p>"
    with django_capture_on_commit_callbacks(execute=True):
        coaching.save_revision().publish()

    assert "Nieuwe inleiding" in _card(client, coaching).get_text()


def test_a_section_made_private_leaves_the_home_page_at_once(
    client, sections_kept, django_capture_on_commit_callbacks
):
    coaching = sections_kept
    assert _card(client, coaching) is not None

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=coaching, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )

    assert _card(client, coaching) is None


def test_a_place_taken_and_a_new_recommendation_show_at_once(
    client, sections_kept, django_capture_on_commit_callbacks
):
    coaching = sections_kept
    before = _card(client, coaching).select_one(".slots-count").get_text()
    application = CoachingApplicationFactory(page=coaching)
    with django_capture_on_commit_callbacks(execute=True):
        coaching_application_decide(application_id=application.pk, decision="accept")
        index = RecommendationIndexPage.objects.get(locale__language_code="nl")
        RecommendationPageFactory(parent=index, number=11, title="Een elfde aanbeveling")

    assert int(_card(client, coaching).select_one(".slots-count").get_text()) == int(before) - 1
    assert "Een elfde aanbeveling" in client.get("/nl/").text
