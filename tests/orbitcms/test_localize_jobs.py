"""wagtail-localize's job messages on the broker: the worker runs only the jobs
wagtail-localize enqueues, whatever function a message names."""

import logging

import pytest
from wagtail.models import Locale

from orbitcms.localize_jobs import run_localize_job
from recommendations.models import RecommendationIndexPage, RecommendationPage
from tests.waiting import wait_for


@pytest.mark.integration
def test_a_job_message_naming_another_function_is_refused(
    celery_worker, campaign, tmp_path, caplog
):
    marker = tmp_path / "ran"
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    page = RecommendationPage(title="Nieuw en nog niet vertaald", slug="nieuw", number=11)
    index.add_child(instance=page)
    page.save_revision().publish()
    dutch, english = Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="en")

    # What anyone who can write to the broker could send, then a job
    # wagtail-localize does send; the solo worker takes them in this order.
    with caplog.at_level(logging.ERROR, logger="orbitcms.localize_jobs"):
        run_localize_job.delay("os.system", [f"touch {marker}"], {})
        run_localize_job.delay(
            "wagtail_localize.synctree.synchronize_tree",
            [{"__model__": "wagtailcore.Locale", "pk": dutch.pk}],
            {"target_locale": {"__model__": "wagtailcore.Locale", "pk": english.pk}},
        )
        wait_for(lambda: page.get_translation_or_none(english) is not None, timeout=30)

    assert not marker.exists()
    assert any("'os.system'" in record.getMessage() for record in caplog.records)
