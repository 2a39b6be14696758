"""Existing applications and coalition sign-ups matched to the reference list
by their typed town; rows it cannot match keep their text and no reference,
for editors to resolve under the "municipality not matched" filter.

Separate from the schema changes (0012, 0014): PostgreSQL cannot alter a
table in the transaction that updated its deferred foreign keys.

The folding and matching below are a frozen copy of
municipalities.names.name_fold and coalitions.services.municipality_refs as
they were when this migration was written. A migration must not import live
code: that code follows today's models and rules, this migration runs against
the models as they were at 0016, and must do the same thing on every install
for as long as it exists. This is the one place where a copy is right; do not
replace it with an import."""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable

from django.db import migrations

NON_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
POSTAL_CODE = re.compile(r"(\d{4})\s*(.*)")


def name_fold(text: str) -> str:
    """Lower case, without accents, hyphens or apostrophes, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return NON_ALPHANUMERIC.sub(" ", bare).strip()


def municipality_matcher(apps) -> Callable[[str], int | None]:
    """From typed text (an official name in Dutch, French or German, or a
    postal code, "9000" or "9000 Gent") to the id of the one current
    municipality it names; None for none or several."""
    municipality_model = apps.get_model("municipalities", "Municipality")
    postal_code_model = apps.get_model("municipalities", "PostalCode")
    by_name = defaultdict(set)
    current = municipality_model.objects.filter(is_current=True)
    for pk, *names in current.values_list("pk", "name_nl", "name_fr", "name_de"):
        for name in filter(None, names):
            by_name[name_fold(name)].add(pk)
    by_code = defaultdict(set)
    codes = postal_code_model.objects.filter(municipality__is_current=True)
    for code, pk in codes.values_list("code", "municipality_id"):
        by_code[code].add(pk)

    def match(text: str) -> int | None:
        folded = name_fold(text)
        found = by_name.get(folded, set())
        code = POSTAL_CODE.fullmatch(folded)
        if code:
            number, rest = code.groups()
            coded = by_code.get(number, set())
            found = (coded & by_name.get(rest, set())) or coded
        return next(iter(found)) if len(found) == 1 else None

    return match


def match_rows(apps, schema_editor):
    """Give every row without a reference the town its text names; an
    application whose town already has an older one on the same coaching page
    stays unmatched (one application per town), spam aside."""
    application_model = apps.get_model("coalitions", "CoachingApplication")
    coalition_model = apps.get_model("coalitions", "Coalition")
    applications = application_model.objects.filter(municipality_ref=None)
    coalitions = coalition_model.objects.filter(municipality_ref=None)
    if not (applications.exists() or coalitions.exists()):
        return
    match = municipality_matcher(apps)
    taken = set(
        application_model.objects.exclude(municipality_ref=None)
        .exclude(status="spam")
        .values_list("page_id", "municipality_ref_id")
    )
    for row in applications.order_by("submitted_at", "pk"):
        ref = match(row.municipality)
        if ref is None:
            continue
        if row.status != "spam":
            if (row.page_id, ref) in taken:
                continue
            taken.add((row.page_id, ref))
        application_model.objects.filter(pk=row.pk).update(municipality_ref=ref)
    for row in coalitions.order_by("pk"):
        ref = match(row.municipality)
        if ref is not None:
            coalition_model.objects.filter(pk=row.pk).update(municipality_ref=ref)


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0016_municipality_reference"),
        ("municipalities", "0001_initial"),
    ]

    # Back: the references go with 0012's columns; nothing to undo here.
    operations = [migrations.RunPython(match_rows, migrations.RunPython.noop)]
