"""Moving the commitments' models from the municipalities app to this one kept
every row, page, content type and permission: migrated back to before the
move, rows written there are found after it, under the same content types."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page

from commitments.models import CampaignCycle, Commitment, MunicipalityIndexPage

BEFORE = [("municipalities", "0001_initial")]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_move_keeps_rows_pages_content_types_and_permissions(campaign):
    commitment_type = ContentType.objects.get_for_model(Commitment)
    page_type = ContentType.objects.get_for_model(MunicipalityIndexPage)
    overview = MunicipalityIndexPage.objects.get(locale__language_code="nl")
    permission = Permission.objects.get(codename="change_commitment")
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()

    old = _migrate(BEFORE).loader.project_state(BEFORE).apps
    # Before the move, the same content type rows were the municipalities app's.
    assert ContentType.objects.get(pk=commitment_type.pk).app_label == "municipalities"
    assert ContentType.objects.get(pk=page_type.pk).app_label == "municipalities"
    old.get_model("municipalities", "CampaignCycle").objects.create(election_year=2030)

    _migrate(latest)

    assert ContentType.objects.get_for_model(Commitment) == commitment_type
    assert ContentType.objects.get(pk=commitment_type.pk).app_label == "commitments"
    assert Permission.objects.get(pk=permission.pk).content_type_id == commitment_type.pk
    assert type(Page.objects.get(pk=overview.pk).specific) is MunicipalityIndexPage
    assert CampaignCycle.objects.filter(election_year=2030).exists()
