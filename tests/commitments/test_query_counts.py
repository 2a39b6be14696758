"""The overview, a municipality page and a recommendation page make as many
queries with 565 municipalities and their commitments as with 50. Run with -s
to see the counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from commitments.models import Commitment
from municipalities.models import Municipality, MunicipalitySettings

pytestmark = pytest.mark.django_db

PAGES = {
    "overview": "/nl/gemeenten/",
    "overview, sorted": "/nl/gemeenten/?sort=adopted",
    "overview (fr), by name": "/fr/communes/?q=an",
    "municipality": "/nl/gemeenten/gent/",
    "municipality (fr)": "/fr/communes/gand/",
    "recommendation": "/nl/aanbevelingen/woningaanbod/",
    "open data": "/open-data/commitments.json",
}


def _query_counts(client) -> dict[str, int]:
    counts = {}
    for name, path in PAGES.items():
        client.get(path)  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts[name] = len(queries)
    return counts


def _commitments_for(municipalities, *, recommendations, cycle) -> None:
    """Commitments on every recommendation, each with a logged change."""
    rows = [
        Commitment(
            municipality=m,
            recommendation=r,
            cycle=cycle,
            status="implemented",
            decided_on=datetime.date(2021, 1, 1),
            source_url="https://example.org/besluit",
        )
        for m in municipalities
        for r in recommendations
    ]
    Commitment.objects.bulk_create(rows)
    for commitment in Commitment.objects.filter(municipality__in=municipalities):
        commitment.changes.create(
            status=commitment.status,
            decided_on=commitment.decided_on,
            source_url=commitment.source_url,
        )


def test_query_counts_do_not_grow_with_municipalities(
    client, campaign, gent, cycle, recommendations
):
    settings = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    settings.covers_wallonia = True
    settings.save()
    first_50 = list(Municipality.objects.filter(region__nis_code="02000").order_by("-name_nl")[:49])
    Municipality.objects.exclude(pk__in=[m.pk for m in [gent, *first_50]]).update(is_current=False)
    _commitments_for([gent, *first_50], recommendations=recommendations, cycle=cycle)
    assert Municipality.objects.filter(is_current=True).count() == 50
    at_50 = _query_counts(client)

    Municipality.objects.update(is_current=True)
    _commitments_for(
        list(Municipality.objects.exclude(pk__in=[m.pk for m in [gent, *first_50]])),
        recommendations=recommendations,
        cycle=cycle,
    )
    assert Commitment.objects.count() == 5650
    at_565 = _query_counts(client)

    for name in PAGES:
        print(f"{name}: {at_50[name]} queries at 50 municipalities, {at_565[name]} at 565")
    assert at_565 == at_50
