"""Migration 0020 renames the town fields: the typed name `municipality` became
`municipality_name`, the reference `municipality_ref` became `municipality`.
Rows stored before it keep their typed name and their town, and the
one-application-per-town rules hold on the renamed fields."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from coalitions.models import CoachingApplication, Coalition
from coalitions.selectors.municipality_keys import municipality_key
from municipalities.models import Municipality

BEFORE = [("coalitions", "0019_coaching_page_field_labels")]
GENT = "44021"


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _application(model, *, page_id: int, typed: str, town, number: int):
    return model.objects.create(
        page_id=page_id,
        municipality=typed,
        municipality_key=municipality_key(municipality=typed),
        municipality_ref_id=town,
        coalition_name=f"Coalitie {number}",
        contact_name="Contact",
        email=f"contact{number}@example.org",
        motivation="Waarom",
        language="nl",
        status="waitlisted",
    )


@pytest.mark.django_db(transaction=True)
def test_the_rename_keeps_typed_names_and_towns(live_coaching_page):
    page_id = live_coaching_page.pk
    gent = Municipality.objects.get(nis_code=GENT).pk
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()

    old = _migrate(BEFORE).loader.project_state(BEFORE).apps
    application = old.get_model("coalitions", "CoachingApplication")
    matched = _application(application, page_id=page_id, typed="Gand", town=gent, number=1)
    unmatched = _application(application, page_id=page_id, typed="Atlantis", town=None, number=2)
    coalition = old.get_model("coalitions", "Coalition").objects.create(
        municipality="gand",
        municipality_key="gand",
        municipality_ref_id=gent,
        name="Samen Gent",
        contact_name="Contact",
        email="coalitie@example.org",
        language="fr",
    )

    _migrate(latest)

    rows = CoachingApplication.objects.order_by("pk")
    assert [(a.pk, a.municipality_name, a.municipality_id) for a in rows] == [
        (matched.pk, "Gand", gent),
        (unmatched.pk, "Atlantis", None),
    ]
    assert Coalition.objects.values_list("pk", "municipality_name", "municipality_id").get() == (
        coalition.pk,
        "gand",
        gent,
    )
    # Both per-town rules name the renamed fields and still refuse a second row:
    # for a listed town by its reference, for an unmatched one by its typed key.
    for typed, town in [("Gent", gent), ("ATLANTIS", None)]:
        with pytest.raises(IntegrityError), transaction.atomic():
            CoachingApplication.objects.create(
                page_id=page_id,
                municipality_name=typed,
                municipality_key=municipality_key(municipality=typed),
                municipality_id=town,
                coalition_name="Dubbel",
                contact_name="Contact",
                email="dubbel@example.org",
                language="nl",
                status="waitlisted",
            )
