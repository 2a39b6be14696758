"""Rows typed before the forms asked for a town of the reference list, matched
to it after every load of the reference list: a fresh install migrates (the
data migration 0017 carries its own frozen copy of these rules) before it
loads the municipalities."""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from coalitions.models import CoachingApplication, Coalition
from coalitions.services.coaching import coaching_pages_lock
from coalitions.signals import coalition_listing_changed
from municipalities.models import Municipality, PostalCode
from municipalities.names import name_fold

POSTAL_CODE = re.compile(r"(\d{4})\s*(.*)")


@dataclass(frozen=True)
class MunicipalityRefsMatched:
    applications: int
    coalitions: int


def municipality_matcher() -> Callable[[str], int | None]:
    """A function from typed text to the id of the one current municipality
    it names: an official name in Dutch, French or German or a postal code
    ("9000", "9000 Gent"), folded as the forms fold them; None for none or
    several (a postal code two towns share), and for a postal code with another
    municipality's name ("9000 Antwerpen"): which half is wrong is for an
    editor to decide, not a guess. As municipality_lookup decides, in bulk."""
    by_name = defaultdict(set)
    current = Municipality.objects.filter(is_current=True)
    for pk, *names in current.values_list("pk", "name_nl", "name_fr", "name_de"):
        for name in filter(None, names):
            by_name[name_fold(name)].add(pk)
    by_code = defaultdict(set)
    codes = PostalCode.objects.filter(municipality__is_current=True)
    for code, pk in codes.values_list("code", "municipality_id"):
        by_code[code].add(pk)

    def match(text: str) -> int | None:
        folded = name_fold(text)
        found = by_name.get(folded, set())
        code = POSTAL_CODE.fullmatch(folded)
        if code:
            number, rest = code.groups()
            coded = by_code.get(number, set())
            # A name of no municipality (a part of a town) leaves the code to
            # decide; another municipality's name contradicts it.
            found = coded & by_name[rest] if rest in by_name else coded
        return next(iter(found)) if len(found) == 1 else None

    return match


def municipality_refs_match() -> MunicipalityRefsMatched:
    """Give every row without a reference the town its text names. Never
    drops or renames a row: one that names no town keeps its text and stays
    in the editors' "municipality not matched" list. Neither does it break the
    one-application-per-town rule: an application whose town already has an
    older one on the same coaching page ("Gent", then "Gand") stays unmatched
    too, for editors to decide."""
    applications = CoachingApplication.objects.filter(municipality=None)
    coalitions = Coalition.objects.filter(municipality=None)
    if not (applications.exists() or coalitions.exists()):
        return MunicipalityRefsMatched(applications=0, coalitions=0)
    match = municipality_matcher()
    taken = set(
        CoachingApplication.objects.exclude(municipality=None)
        .exclude(status="spam")
        .values_list("page_id", "municipality_id")
    )
    matched_applications = 0
    for row in applications.order_by("submitted_at", "pk"):
        ref = match(row.municipality_name)
        if ref is None:
            continue
        if row.status != "spam":
            if (row.page_id, ref) in taken:
                continue
            taken.add((row.page_id, ref))
        CoachingApplication.objects.filter(pk=row.pk).update(municipality=ref)
        matched_applications += 1
    matched_coalitions = 0
    for row in coalitions.order_by("pk"):
        ref = match(row.municipality_name)
        if ref is not None:
            Coalition.objects.filter(pk=row.pk).update(municipality=ref)
            matched_coalitions += 1
    return MunicipalityRefsMatched(applications=matched_applications, coalitions=matched_coalitions)


def municipality_refs_rematch() -> MunicipalityRefsMatched:
    """The match after a load of the reference list, while visitors apply.
    It takes the locks an application takes, the coaching pages of the rows
    it may match, in id order: an application for the same town sent in the
    meantime is then either committed before it reads which towns are taken,
    or waits for it; never a second row for the town that fails the load."""
    with transaction.atomic():
        coaching_pages_lock(
            page_ids=CoachingApplication.objects.filter(municipality=None).values_list(
                "page_id", flat=True
            )
        )
        matched = municipality_refs_match()
        if matched.coalitions:
            # A listed coalition matched to its town now shows on its page.
            coalition_listing_changed.send(sender=Coalition, coalition=None)
        return matched
