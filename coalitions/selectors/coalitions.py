"""Reads for the public list of coalitions."""

from itertools import groupby

from coalitions.models import Coalition


def _coalitions_listed():
    return Coalition.objects.filter(status=Coalition.Status.LISTED, listing_consent=True)


def coalitions_listed_count() -> int:
    return _coalitions_listed().count()


def coalitions_listed_by_municipality() -> list[tuple[str, list[Coalition]]]:
    listed = _coalitions_listed().order_by("municipality_key", "name")
    return [
        (group[0].municipality, group)
        for group in (list(items) for _key, items in groupby(listed, lambda c: c.municipality_key))
    ]
