"""Reads for the public list of coalitions."""

from coalitions.models import Coalition
from municipalities.names import name_fold


def _coalitions_listed():
    return Coalition.objects.filter(status=Coalition.Status.LISTED, listing_consent=True)


def coalitions_listed_count() -> int:
    return _coalitions_listed().count()


def coalitions_listed_by_municipality() -> list[tuple[str, list[Coalition]]]:
    """The listed coalitions by town, the town named in the active language
    (sign-ups from the French and the Dutch form are one town), towns by name."""
    towns: dict[tuple, tuple[str, list[Coalition]]] = {}
    for coalition in _coalitions_listed().select_related("municipality").order_by("name"):
        ref = coalition.municipality
        key = ("ref", ref.pk) if ref else ("key", coalition.municipality_key)
        name = ref.name if ref else coalition.municipality_name
        towns.setdefault(key, (name, []))[1].append(coalition)
    return sorted(towns.values(), key=lambda town: name_fold(town[0]))
