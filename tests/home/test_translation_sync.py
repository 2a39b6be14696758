"""Translations that keep up: publishing a Dutch page brings its French and
English translations up to date on the Celery worker, marks the changed text
as needing translation, and the status report and dashboard say so."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from home.selectors import page_translation_statuses
from home.services import page_translations_sync
from recommendations.models import RecommendationPage
from tests.admin_screens import screen_title
from tests.waiting import wait_for

NEW_LEAD = "Elke gemeente biedt het hele jaar opvang, dag en nacht, voor iedereen zonder dak."


def edit_and_publish(page: RecommendationPage) -> None:
    page.lead = NEW_LEAD
    page.save_revision().publish()


def statuses_of(page) -> dict[str, str]:
    row = next(row for row in page_translation_statuses() if row.page.pk == page.pk)
    return {cell.locale.language_code: cell.status for cell in row.cells}


def french_progress(page) -> tuple[int, int]:
    source = TranslationSource.objects.get_for_instance(page)
    return Translation.objects.get(source=source, target_locale__language_code="fr").get_progress()


@pytest.mark.django_db
def test_the_campaigns_translations_start_up_to_date(campaign):
    page = RecommendationPage.objects.get(number=3, locale__language_code="nl")

    assert statuses_of(page) == {"en": "up_to_date", "fr": "up_to_date"}


@pytest.mark.django_db
def test_a_sync_marks_the_changed_text_as_needing_translation(campaign):
    page = RecommendationPage.objects.get(number=3, locale__language_code="nl")
    french = page.get_translation(Locale.objects.get(language_code="fr"))
    live_french_lead = french.specific.lead
    edit_and_publish(page)

    assert page_translations_sync(page_id=page.pk) == 2

    total, done = french_progress(page)
    assert done == total - 1
    assert statuses_of(page) == {"en": "needs_update", "fr": "needs_update"}
    # The live translation keeps its French text until a translator publishes.
    assert french.specific_class.objects.get(pk=french.pk).lead == live_french_lead


@pytest.mark.integration
def test_publishing_a_dutch_page_syncs_its_translations_on_the_worker(celery_worker, campaign):
    page = RecommendationPage.objects.get(number=3, locale__language_code="nl")

    edit_and_publish(page)

    wait_for(lambda: statuses_of(page)["fr"] == "needs_update", timeout=60)
    assert statuses_of(page)["en"] == "needs_update"
    total, done = french_progress(page)
    assert done == total - 1


@pytest.mark.django_db
def test_the_report_and_the_dashboard_count_the_pages_needing_work(
    campaign, client, django_user_model
):
    page = RecommendationPage.objects.get(number=3, locale__language_code="nl")
    edit_and_publish(page)
    page_translations_sync(page_id=page.pk)
    user = django_user_model.objects.create_user(username="editor", password="x" * 12)
    user.groups.add(Group.objects.get(name="Editors"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)

    report = client.get("/admin/reports/translations/").content.decode()
    dashboard = client.get("/admin/").content.decode()

    french = page.get_translation(Locale.objects.get(language_code="fr"))
    needs_update = BeautifulSoup(report, "html.parser").select("td.translation-needs_update a")
    assert f"/admin/pages/{french.pk}/edit/" in [link["href"] for link in needs_update]
    assert "1 page needs translation work" in dashboard
    assert screen_title(report) == "Translations"


def test_machine_translation_is_off_by_default(settings):
    assert not hasattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR")
