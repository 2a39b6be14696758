"""How rows that name one town are found, for the one-per-town rules."""

import unicodedata
from dataclasses import dataclass

from django.db.models import Q

from coalitions.models import CoachingApplication, Coalition
from municipalities.models import Municipality

MUNICIPALITY_KEY_LENGTH = CoachingApplication._meta.get_field("municipality_key").max_length


def municipality_key(*, municipality: str) -> str:
    """The form of a municipality's name that two spellings of one town share:
    composed or decomposed accents (NFKC), case (casefold), invisible format
    characters such as a zero-width space (category Cf), and any run of
    whitespace, a no-break space included, count as one."""
    text = unicodedata.normalize("NFKC", municipality)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    # Casefolding can undo the composition ("ǰ" folds to j + combining caron).
    text = unicodedata.normalize("NFKC", text.casefold())
    # NFKC can lengthen a name (one ligature becomes several letters); the key
    # column holds what the municipality column does.
    return " ".join(text.split())[:MUNICIPALITY_KEY_LENGTH]


def same_town(*, municipality_name: str, municipality: Municipality | None) -> Q:
    """The rows about the same town: by the reference list's municipality when
    there is one ("Gent", "Gand" and "9000" are one town), else, among the
    rows the reference list did not match, by the typed name's key."""
    if municipality is not None:
        return Q(municipality=municipality)
    return Q(municipality_key=municipality_key(municipality=municipality_name), municipality=None)


@dataclass(frozen=True)
class UnmatchedTowns:
    applications: int
    coalitions: int


def municipality_unmatched_counts() -> UnmatchedTowns:
    """How many applications and coalitions name a town the reference list
    did not match, for the editors to resolve: what the listings' filter
    "municipality not matched" shows."""
    return UnmatchedTowns(
        applications=CoachingApplication.objects.filter(municipality=None).count(),
        coalitions=Coalition.objects.filter(municipality=None).count(),
    )
