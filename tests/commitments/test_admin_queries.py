"""Each admin listing of the municipalities menu, and the import's preview of a
spreadsheet, makes as many queries with 12 rows as with 3: no query per row (a
municipality's province or region, a commitment's municipality,
recommendation or cycle)."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import CampaignCycle, Commitment, CommitmentStatus, CorrectionProposal
from municipalities.models import Municipality, Province, Region
from recommendations.models import RecommendationPage
from tests.admin_queries import listing_queries

from .test_import import IMPORT, _csv, _plan

pytestmark = pytest.mark.django_db


def _municipality(n: int) -> Municipality:
    """A municipality with a province and a region of its own, so that a
    listing that reads them row by row would query once per row."""
    region = Region.objects.create(nis_code=f"9{n:04}", name_nl=f"Gewest {n}", name_fr=f"Rég {n}")
    province = Province.objects.create(
        nis_code=f"8{n:04}", name_nl=f"Provincie {n}", name_fr=f"Prov {n}", region=region
    )
    return Municipality.objects.create(
        nis_code=f"7{n:04}",
        name_nl=f"Gemeente {n}",
        name_fr=f"Commune {n}",
        province=province,
        region=region,
        slug_nl=f"gemeente-{n}",
        slug_fr=f"commune-{n}",
        slug_en=f"municipality-{n}",
    )


def _recommendation(n: int) -> RecommendationPage:
    dutch = RecommendationPage.objects.filter(locale__language_code="nl").order_by("number")
    return dutch[n % dutch.count()]


def _cycle(n: int) -> CampaignCycle:
    return CampaignCycle.objects.create(election_year=2000 + n)


def _commitment(n: int) -> Commitment:
    return Commitment.objects.create(
        municipality=_municipality(n), recommendation=_recommendation(n), cycle=_cycle(n)
    )


def _correction(n: int) -> CorrectionProposal:
    return CorrectionProposal.objects.create(
        municipality=_municipality(n),
        recommendation=_recommendation(n),
        proposed_status=CommitmentStatus.COUNCIL_DECISION,
        source_url=f"https://example.org/besluit-{n}",
        language="nl",
    )


LISTINGS: dict[str, Callable[[int], object]] = {
    "municipalities_municipality": _municipality,
    "commitments_commitment": _commitment,
    "commitments_correctionproposal": _correction,
    "commitments_campaigncycle": _cycle,
}


@pytest.mark.parametrize("model_name", LISTINGS)
def test_the_listing_makes_no_query_per_row(admin_client, campaign, model_name):
    create = LISTINGS[model_name]
    url = reverse(f"wagtailsnippets_{model_name}:list")
    for n in range(3):
        create(n)
    at_3 = listing_queries(admin_client, url, rows=3)
    for n in range(3, 12):
        create(n)
    at_12 = listing_queries(admin_client, url, rows=12)
    assert at_12 == at_3, f"{at_3} queries with 3 rows, {at_12} with 12"


def _dry_run(client, cycle: CampaignCycle, rows: list[list[str]]) -> list[str]:
    response = client.post(IMPORT, {"cycle": cycle.pk, "spreadsheet": _csv(rows)})
    assert response.status_code == 200
    return _plan(response)


def test_the_import_preview_makes_no_query_per_line(admin_client, cycle, recommendations):
    """The dry run lists what each line of the spreadsheet would do: 12 lines
    take the queries of 3."""
    towns = Municipality.objects.filter(is_current=True).order_by("nis_code")[:12]
    rows = [
        [town.nis_code, str(recommendations[0].number), "implemented", "2021-01-01",
         f"https://example.org/{town.nis_code}", ""]
        for town in towns
    ]  # fmt: skip
    counts = []
    for lines in (rows[:3], rows):
        _dry_run(admin_client, cycle, lines)  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            plan = _dry_run(admin_client, cycle, lines)
        assert len(plan) == len(lines) and all(" nieuw: " in line for line in plan)
        counts.append(len(queries))
    assert counts[0] == counts[1], f"{counts[0]} queries for 3 lines, {counts[1]} for 12"
