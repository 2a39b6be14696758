"""The key two spellings of one town share, for the one-per-town rules."""

import unicodedata

from coalitions.models import CoachingApplication

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
