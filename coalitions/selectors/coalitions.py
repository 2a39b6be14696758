"""Reads for the public list of coalitions."""

from itertools import groupby

from coalitions.models import Coalition


def coalitions_listed_by_municipality() -> list[tuple[str, list[Coalition]]]:
    listed = Coalition.objects.filter(
        status=Coalition.Status.LISTED, listing_consent=True
    ).order_by("municipality_key", "name")
    return [
        (group[0].municipality, group)
        for group in (list(items) for _key, items in groupby(listed, lambda c: c.municipality_key))
    ]
