import pytest
from django.core.cache import caches

from ops.services import PAGE_CACHE_ALIAS


@pytest.fixture
def page_cache(settings):
    """The page cache switched on, as in production, and empty before and after."""
    settings.PAGE_CACHE_SECONDS = 600
    caches[PAGE_CACHE_ALIAS].clear()
    yield caches[PAGE_CACHE_ALIAS]
    caches[PAGE_CACHE_ALIAS].clear()
