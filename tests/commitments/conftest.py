"""Fixtures for the commitments: the current cycle and the Dutch
recommendations, over the reference data of tests/conftest.py."""

import pytest
from django.core.cache import cache

from commitments.models import CampaignCycle
from commitments.services import campaign_cycle_ensure
from recommendations.models import RecommendationPage


@pytest.fixture(autouse=True)
def rate_limit_counters_cleared():
    cache.clear()


@pytest.fixture
def cycle(reference_data, db) -> CampaignCycle:
    return campaign_cycle_ensure()


@pytest.fixture
def recommendations(campaign) -> list[RecommendationPage]:
    return list(RecommendationPage.objects.filter(locale__language_code="nl").order_by("number"))
