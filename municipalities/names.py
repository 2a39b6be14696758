"""How the names of towns are compared: one folded form for every spelling."""

import re
import unicodedata

NON_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def name_fold(text: str) -> str:
    """Lower case, without accents, hyphens or apostrophes, single spaces:
    "Sint-Niklaas", "sint niklaas " and "Liège"/"liege" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return NON_ALPHANUMERIC.sub(" ", bare).strip()
