"""The home page's live totals: what each section counts, in the visitor's
language, never older than the decision that changed them."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from coalitions.models import CoachingPage, CoalitionIndexPage
from coalitions.services.coaching import coaching_application_decide
from coalitions.services.coalitions import coalition_decide
from coalitions.services.personal_data import personal_data_erase
from tests.factories.coalitions import CoachingApplicationFactory, CoalitionFactory


def _figures(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200
    items = BeautifulSoup(response.content, "html.parser").select(".figure-list li")
    # The coaching and coalitions figures; the municipalities' own is tested
    # with the commitments.
    return [" ".join(item.get_text().split()) for item in items][:2]


@pytest.fixture
def sections(campaign):
    return (
        CoachingPage.objects.get(locale__language_code="nl"),
        CoalitionIndexPage.objects.get(locale__language_code="nl"),
    )


def test_the_figures_follow_decisions_through_the_page_cache(
    client, page_cache, sections, django_capture_on_commit_callbacks
):
    coaching_page, coalition_page = sections
    application = CoachingApplicationFactory(page=coaching_page)
    coalition = CoalitionFactory(page=coalition_page, listing_consent=True)
    CoalitionFactory(page=coalition_page, listing_consent=True)

    assert _figures(client, "/nl/") == ["0 gemeenten in coaching", "0 lokale coalities"]

    with django_capture_on_commit_callbacks(execute=True):
        coaching_application_decide(application_id=application.pk, decision="accept")
        coalition_decide(coalition_id=coalition.pk, decision="list")

    assert _figures(client, "/nl/") == ["1 gemeente in coaching", "1 lokale coalitie"]
    assert _figures(client, "/fr/") == ["1 commune accompagnée", "1 coalition locale"]

    with django_capture_on_commit_callbacks(execute=True):
        coalition_decide(coalition_id=coalition.pk, decision="hide")

    assert _figures(client, "/nl/") == ["1 gemeente in coaching", "0 lokale coalities"]
    assert _figures(client, "/en/") == ["1 town coached", "0 local coalitions"]


def test_an_erased_coalition_leaves_the_cached_figures(
    client, page_cache, sections, django_capture_on_commit_callbacks
):
    _coaching_page, coalition_page = sections
    coalition = CoalitionFactory(page=coalition_page, listing_consent=True)
    with django_capture_on_commit_callbacks(execute=True):
        coalition_decide(coalition_id=coalition.pk, decision="list")
    assert _figures(client, "/nl/")[1] == "1 lokale coalitie"

    with django_capture_on_commit_callbacks(execute=True):
        personal_data_erase(email=coalition.email)

    assert _figures(client, "/nl/")[1] == "0 lokale coalities"


def test_a_private_section_has_no_card_nor_figures_on_the_home_page(client, sections):
    """A section behind a view restriction (a password, say) is not shown to
    anonymous visitors: neither its card nor its totals."""
    coaching_page, _coalition_page = sections
    home = BeautifulSoup(client.get("/nl/").content, "html.parser")
    assert home.select(f'a[href="{coaching_page.url}"], #section-{coaching_page.pk}')
    assert any("in coaching" in item.get_text() for item in home.select(".figure-list li"))

    PageViewRestriction.objects.create(
        page=coaching_page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    home = BeautifulSoup(client.get("/nl/").content, "html.parser")
    assert not home.select(f'a[href="{coaching_page.url}"], #section-{coaching_page.pk}')
    assert not any("in coaching" in item.get_text() for item in home.select(".figure-list li"))
    # The other sections are still there.
    assert any("lokale coalit" in item.get_text() for item in home.select(".figure-list li"))
