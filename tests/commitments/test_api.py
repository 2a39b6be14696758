"""The commitments in Wagtail's API v2: the open data's public facts, row by
row, filterable, in a number of queries that does not grow with the rows.
That no personal data is in it: test_open_data.py."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document

from commitments.models import Commitment
from commitments.services import commitment_record, commitment_set
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db

FIELDS = {
    "id",
    "meta",
    "cycle",
    "nis_code",
    "municipality_nl",
    "municipality_fr",
    "province_nis_code",
    "region_nis_code",
    "recommendation",
    "status",
    "date",
    "source",
    "note",
    "is_example",
}


def _record(municipality, recommendation, cycle, status="council_decision", **extra):
    return commitment_set(
        municipality=municipality,
        recommendation=recommendation,
        cycle=cycle,
        status=status,
        decided_on=datetime.date(2020, 6, 1),
        **extra,
    )


def test_each_commitment_with_the_open_data_fields(client, gent, cycle, recommendations):
    _record(gent, recommendations[2], cycle, source_url="https://gent.example/besluit", note="ok")

    items = client.get("/api/v2/commitments/?fields=*").json()["items"]

    assert [set(item) for item in items] == [FIELDS]
    assert {k: v for k, v in items[0].items() if k not in ("id", "meta")} == {
        "cycle": 2018,
        "nis_code": gent.nis_code,
        "municipality_nl": "Gent",
        "municipality_fr": "Gand",
        "province_nis_code": gent.province.nis_code,
        "region_nis_code": "02000",
        "recommendation": recommendations[2].number,
        "status": "council_decision",
        "date": "2020-06-01",
        "source": "https://gent.example/besluit",
        "note": "ok",
        "is_example": False,
    }


def test_a_document_source_is_an_absolute_address_and_brussels_has_no_province(
    client, reference_data, cycle, recommendations
):
    document = Document.objects.create(
        title="Besluit", file=ContentFile(b"%PDF-1.4", name="besluit.pdf")
    )
    commitment = commitment_record(
        commitment=Commitment(
            municipality=Municipality.objects.get(name_nl="Brussel", is_current=True),
            recommendation=recommendations[0],
            cycle=cycle,
            status="implemented",
            decided_on=datetime.date(2021, 1, 1),
            source_document=document,
        )
    )

    item = client.get(f"/api/v2/commitments/{commitment.pk}/").json()

    assert item["source"] == f"http://testserver{document.url}"
    assert item["province_nis_code"] is None


def test_filters_by_cycle_recommendation_municipality_and_status(
    client, gent, cycle, recommendations
):
    antwerpen = Municipality.objects.get(name_nl="Antwerpen", is_current=True)
    _record(gent, recommendations[0], cycle, source_url="https://gent.example/1")
    _record(gent, recommendations[1], cycle, "promised", source_url="https://gent.example/2")
    _record(antwerpen, recommendations[0], cycle, source_url="https://antwerpen.example/1")
    _record(antwerpen, recommendations[1], cycle, "promised", source_url="https://a.example/2")

    def found(query: str) -> list[tuple[str, int]]:
        items = client.get(f"/api/v2/commitments/?fields=nis_code,recommendation&{query}").json()
        return sorted((i["nis_code"], i["recommendation"]) for i in items["items"])

    first = recommendations[0].number
    assert found(f"recommendation={first}") == sorted(
        [(gent.nis_code, first), (antwerpen.nis_code, first)]
    )
    assert found(f"nis_code={gent.nis_code}&status=promised") == [
        (gent.nis_code, recommendations[1].number)
    ]
    assert found("cycle=2024") == []
    assert client.get("/api/v2/commitments/?cycle=next").status_code == 400


def test_the_listing_s_queries_do_not_grow_with_its_rows(
    client, reference_data, cycle, recommendations
):
    towns = list(Municipality.objects.filter(is_current=True).order_by("nis_code")[:6])
    _record(towns[0], recommendations[0], cycle, source_url="https://example.org/0")
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v2/commitments/?fields=*")
    for n, town in enumerate(towns[1:], start=1):
        _record(town, recommendations[n], cycle, source_url=f"https://example.org/{n}")

    with CaptureQueriesContext(connection) as six:
        assert len(client.get("/api/v2/commitments/?fields=*").json()["items"]) == 6

    assert len(six.captured_queries) == len(one.captured_queries) == 3
