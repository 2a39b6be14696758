"""Town keys normalised the way municipality_key now does it (Unicode forms,
invisible characters, odd spaces), with the uniqueness rules lifted while the
keys change; 0008 puts them back in their new form.

municipality_key below is a frozen copy of
coalitions.selectors.municipality_keys.municipality_key as it was when this
migration was written: a migration must not import live code, which follows
today's models and rules, and must do the same thing on every install for as
long as it exists. This is the one place where a copy is right; do not
replace it with an import."""

import unicodedata

from django.db import migrations

# Two stored rows whose names only differed by such a variant (or two sign-ups
# whose addresses only differed in case) would now collide. Both are kept, as
# they are: the later one's key gets this suffix and its row id. The suffix is a
# format character (category Cf), which municipality_key strips from every
# name, so no typed name ever produces a suffixed key, and a new application
# for the town matches the earlier row only.
DUPLICATE_SUFFIX = "\u2063"
KEY_LENGTH = 100


def municipality_key(*, municipality: str) -> str:
    """Composed or decomposed accents (NFKC), case (casefold), invisible format
    characters (category Cf) and any run of whitespace count as one."""
    text = unicodedata.normalize("NFKC", municipality)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    # Casefolding can undo the composition ("ǰ" folds to j + combining caron).
    text = unicodedata.normalize("NFKC", text.casefold())
    return " ".join(text.split())[:KEY_LENGTH]


def _keys_recompute(model, *, unique_on) -> None:
    """`unique_on(row, key)` is what must stay unique, or None where nothing must."""
    taken = set()
    for row in model.objects.order_by("submitted_at", "pk"):
        key = municipality_key(municipality=row.municipality)
        if unique_on(row, key) in taken:
            suffix = f"{DUPLICATE_SUFFIX}{row.pk}"
            key = key[: KEY_LENGTH - len(suffix)] + suffix
        if unique_on(row, key) is not None:
            taken.add(unique_on(row, key))
        if key != row.municipality_key:
            model.objects.filter(pk=row.pk).update(municipality_key=key)


def keys_recompute(apps, schema_editor) -> None:
    # One live (non-spam) application per town on a page.
    _keys_recompute(
        apps.get_model("coalitions", "CoachingApplication"),
        unique_on=lambda row, key: None if row.status == "spam" else (row.page_id, key),
    )
    # One sign-up per town and address, the address in any case.
    _keys_recompute(
        apps.get_model("coalitions", "Coalition"),
        unique_on=lambda row, key: (key, row.email.lower()),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0006_orbit_coaching_personal_data"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="coachingapplication",
            name="coaching_one_application_per_town",
        ),
        migrations.RemoveConstraint(
            model_name="coalition",
            name="coalition_one_signup_per_contact",
        ),
        migrations.RunPython(keys_recompute, migrations.RunPython.noop),
    ]
