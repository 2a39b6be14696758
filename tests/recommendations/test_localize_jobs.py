import pytest
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.tasks import background

from orbitcms.localize_jobs import CeleryJobBackend
from recommendations.models import RecommendationIndexPage, RecommendationPage
from tests.waiting import wait_for


@pytest.mark.integration
def test_locale_sync_runs_on_a_celery_worker(celery_worker, campaign):
    """Turning on "sync from Dutch" for English makes wagtail-localize enqueue its
    tree synchronisation; a real worker runs it and the new Dutch page appears
    in the English tree."""
    assert isinstance(background, CeleryJobBackend)
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    page = RecommendationPage(title="Nieuw en nog niet vertaald", slug="nieuw", number=11)
    index.add_child(instance=page)
    page.save_revision().publish()
    english = Locale.objects.get(language_code="en")
    assert page.get_translation_or_none(english) is None

    LocaleSynchronization.objects.create(
        locale=english, sync_from=Locale.objects.get(language_code="nl")
    )

    wait_for(lambda: page.get_translation_or_none(english) is not None, timeout=30)
    assert page.get_translation(english).get_parent().slug == "recommendations"
