"""Fixtures for the municipalities: Statbel's reference data loaded once per
module (tests roll back to it), the current cycle, the Dutch recommendations."""

import pytest
from django.core.cache import cache

from municipalities.models import (
    CampaignCycle,
    Municipality,
    PostalCode,
    Province,
    Region,
)
from municipalities.services import campaign_cycle_ensure, municipalities_load
from recommendations.models import RecommendationPage


@pytest.fixture(scope="module")
def reference_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        report = municipalities_load()
        campaign_cycle_ensure()
    yield report
    with django_db_blocker.unblock():
        for model in (PostalCode, Municipality, Province, Region, CampaignCycle):
            model.objects.all().delete()


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
