"""Fixtures for the municipalities (the reference data itself is
tests/conftest.py's `reference_data`): the current cycle, the Dutch recommendations."""

import pytest
from django.core.cache import cache

from municipalities.models import (
    CampaignCycle,
    Municipality,
)
from recommendations.models import RecommendationPage


@pytest.fixture(autouse=True)
def rate_limit_counters_cleared():
    cache.clear()


@pytest.fixture
def cycle(reference_data, db) -> CampaignCycle:
    return CampaignCycle.objects.get(is_current=True)


@pytest.fixture
def recommendations(campaign) -> list[RecommendationPage]:
    return list(RecommendationPage.objects.filter(locale__language_code="nl").order_by("number"))


@pytest.fixture
def gent(reference_data, db) -> Municipality:
    return Municipality.objects.get(name_nl="Gent")
