"""Reads of the reference data: municipalities found by name or postal code,
and the regions and provinces the campaign covers."""

import re

from django.db.models import Q, QuerySet

from .models import Municipality, MunicipalitySettings, Province, Region
from .names import name_fold

POSTAL_CODE = re.compile(r"(\d{4})\s*(.*)")


def municipalities_current() -> QuerySet[Municipality]:
    return Municipality.objects.filter(is_current=True).select_related("region", "province")


def municipalities_covered(*, settings: MunicipalitySettings) -> QuerySet[Municipality]:
    """The current municipalities of the regions the campaign covers."""
    return municipalities_current().filter(region__nis_code__in=settings.region_codes)


def municipality_lookup(
    *, text: str, queryset: QuerySet[Municipality] | None = None
) -> list[Municipality]:
    """The municipalities `text` names: a postal code ("9000", "9000 Gent")
    or either official name, case, accents and hyphens folded. After a postal
    code, a name that is no municipality's (a part of a town: "9050
    Gentbrugge") leaves the code to decide, while another municipality's name
    contradicts it ("9000 Antwerpen": either half may be the mistake, so
    neither wins: none). Several only for a postal code two towns share."""
    municipalities = municipalities_current() if queryset is None else queryset
    folded = name_fold(text)
    if not folded:
        return []
    code = POSTAL_CODE.fullmatch(folded)
    if not code:
        return list(municipalities.filter(_named(folded)))
    number, rest = code.groups()
    found = list(municipalities.filter(postal_codes__code=number).distinct())
    if not rest or not municipalities_current().filter(_named(rest)).exists():
        return found
    return [m for m in found if rest in (m.name_nl_folded, m.name_fr_folded)]


def _named(folded: str) -> Q:
    return Q(name_nl_folded=folded) | Q(name_fr_folded=folded)


def postal_code_owners(
    *, text: str, queryset: QuerySet[Municipality] | None = None
) -> list[Municipality]:
    """The municipalities of the postal code `text` starts with ("9000
    Antwerpen" gives Gent); none when it starts with no known postal code."""
    municipalities = municipalities_current() if queryset is None else queryset
    code = POSTAL_CODE.fullmatch(name_fold(text))
    if not code:
        return []
    return list(municipalities.filter(postal_codes__code=code.group(1)).distinct())


def municipality_names(*, queryset: QuerySet[Municipality], language: str) -> list[str]:
    """The names to suggest in a form, in the page's language."""
    return sorted((m.name_in(language) for m in queryset.select_related("region")), key=name_fold)


def regions_covered(*, settings: MunicipalitySettings) -> list[Region]:
    return list(Region.objects.filter(nis_code__in=settings.region_codes))


def provinces_covered(*, settings: MunicipalitySettings) -> list[Province]:
    return list(Province.objects.filter(region__nis_code__in=settings.region_codes))


def municipality_by_slug(
    *, queryset: QuerySet[Municipality], slug: str, language: str
) -> tuple[Municipality | None, bool]:
    """The municipality a URL names, and whether the slug is the page
    language's own (False: another language's slug, to redirect)."""
    found = queryset.filter(Q(slug_nl=slug) | Q(slug_fr=slug) | Q(slug_en=slug)).first()
    return found, bool(found) and found.slug_in(language) == slug
