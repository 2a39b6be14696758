"""Existing applications and coalition sign-ups matched to the reference list
by their typed town (coalitions.services.municipality_refs says how); rows it
cannot match keep their text and no reference, for editors to resolve under
the "municipality not matched" filter. Run again after every load of the list.

Separate from the schema changes (0012, 0014): PostgreSQL cannot alter a
table in the transaction that updated its deferred foreign keys."""

from django.db import migrations

from coalitions.services.municipality_refs import municipality_refs_match


def match_rows(apps, schema_editor):
    municipality_refs_match(
        application_model=apps.get_model("coalitions", "CoachingApplication"),
        coalition_model=apps.get_model("coalitions", "Coalition"),
        municipality_model=apps.get_model("municipalities", "Municipality"),
        postal_code_model=apps.get_model("municipalities", "PostalCode"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0016_municipality_reference"),
        ("municipalities", "0001_initial"),
    ]

    # Back: the references go with 0012's columns; nothing to undo here.
    operations = [migrations.RunPython(match_rows, migrations.RunPython.noop)]
