"""Reads for the municipalities: each a fixed number of queries, however many
municipalities and commitments there are.

Other apps' models are reached through `apps.get_model`, never imported:
municipalities sits beside recommendations and coalitions, not above them.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .models import (
    ADOPTED_STATUSES,
    CampaignCycle,
    Commitment,
    CommitmentChange,
    CommitmentStatus,
    Municipality,
    MunicipalityIndexPage,
    MunicipalitySettings,
    Province,
    Region,
)
from .names import name_fold

POSTAL_CODE = re.compile(r"(\d{4})\s*(.*)")


def _recommendation_model():
    return apps.get_model("recommendations", "RecommendationPage")


def municipalities_current() -> QuerySet[Municipality]:
    return Municipality.objects.filter(is_current=True).select_related("region", "province")


def municipalities_covered(*, settings: MunicipalitySettings) -> QuerySet[Municipality]:
    """The current municipalities of the regions the campaign covers."""
    return municipalities_current().filter(region__nis_code__in=settings.region_codes)


def municipality_lookup(
    *, text: str, queryset: QuerySet[Municipality] | None = None
) -> list[Municipality]:
    """The municipalities `text` names: a postal code ("9000", "9000 Gent")
    or either official name, case, accents and hyphens folded. None when
    nothing matches; several only for a postal code that two towns share."""
    municipalities = municipalities_current() if queryset is None else queryset
    folded = name_fold(text)
    if not folded:
        return []
    code = POSTAL_CODE.fullmatch(folded)
    if code:
        number, rest = code.groups()
        found = list(municipalities.filter(postal_codes__code=number).distinct())
        named = [m for m in found if rest in (m.name_nl_folded, m.name_fr_folded)]
        return named or found
    return list(municipalities.filter(Q(name_nl_folded=folded) | Q(name_fr_folded=folded)))


def municipality_names(*, queryset: QuerySet[Municipality], language: str) -> list[str]:
    """The names to suggest in a form, in the page's language."""
    return sorted((m.name_in(language) for m in queryset.select_related("region")), key=name_fold)


def campaign_cycles() -> list[CampaignCycle]:
    return list(CampaignCycle.objects.all())


def campaign_cycle_pick(*, cycles: list[CampaignCycle], year: str | None) -> CampaignCycle | None:
    """The cycle a visitor asked for (`?cycle=2018`), else the current one."""
    return next((c for c in cycles if str(c.election_year) == year), None) or next(
        (c for c in cycles if c.is_current), cycles[0] if cycles else None
    )


def regions_covered(*, settings: MunicipalitySettings) -> list[Region]:
    return list(Region.objects.filter(nis_code__in=settings.region_codes))


def provinces_covered(*, settings: MunicipalitySettings) -> list[Province]:
    return list(Province.objects.filter(region__nis_code__in=settings.region_codes))


def municipality_overview(
    *,
    queryset: QuerySet[Municipality],
    cycle: CampaignCycle | None,
    region: str = "",
    province: str = "",
    query: str = "",
    sort: str = "name",
) -> list[Municipality]:
    """The overview's municipalities, each with `adopted` (how many
    recommendations its council adopted in the cycle) and `samples` (how many
    of its commitments are examples). Found by name, part of a name, or
    postal code; in one query."""
    municipalities = queryset.annotate(
        adopted=Count(
            "commitments",
            filter=Q(commitments__cycle=cycle, commitments__status__in=ADOPTED_STATUSES),
        ),
        samples=Count(
            "commitments", filter=Q(commitments__cycle=cycle, commitments__is_sample=True)
        ),
    )
    if region:
        municipalities = municipalities.filter(region__nis_code=region)
    if province:
        municipalities = municipalities.filter(province__nis_code=province)
    folded = name_fold(query)
    if folded:
        code = POSTAL_CODE.fullmatch(folded)
        municipalities = municipalities.filter(
            Q(postal_codes__code=code.group(1))
            if code
            else Q(name_nl_folded__contains=folded) | Q(name_fr_folded__contains=folded)
        ).distinct()
    found = list(municipalities)
    found.sort(key=lambda m: name_fold(m.name))
    if sort == "adopted":
        found.sort(key=lambda m: m.adopted, reverse=True)
    return found


def municipality_by_slug(
    *, queryset: QuerySet[Municipality], slug: str, language: str
) -> tuple[Municipality | None, bool]:
    """The municipality a URL names, and whether the slug is the page
    language's own (False: another language's slug, to redirect)."""
    found = queryset.filter(Q(slug_nl=slug) | Q(slug_fr=slug) | Q(slug_en=slug)).first()
    return found, bool(found) and found.slug_in(language) == slug


@dataclass
class RecommendationStatus:
    recommendation: Page  # in the page's language
    source_id: int  # the Dutch source page, which commitments point to
    commitment: Commitment | None

    @property
    def status_label(self) -> str:
        if self.commitment is None:
            return CommitmentStatus.NO_INFORMATION.label
        return self.commitment.get_status_display()


def recommendation_total() -> int:
    """How many recommendations the campaign has (the Dutch source pages)."""
    return _recommendation_model().objects.live().filter(locale__language_code="nl").count()


def _localized_recommendations(*, locale_id: int) -> tuple[list[Page], dict]:
    """The Dutch source recommendations in number order, and each source's
    translation in the locale (falling back to the source)."""
    model = _recommendation_model()
    pages = list(model.objects.live().filter(locale__language_code="nl").order_by("number"))
    translations = {
        p.translation_key: p
        for p in model.objects.live().filter(
            locale_id=locale_id, translation_key__in=[p.translation_key for p in pages]
        )
    }
    return pages, {p.pk: translations.get(p.translation_key, p) for p in pages}


def municipality_statuses(
    *, municipality: Municipality, cycle: CampaignCycle | None, locale_id: int
) -> list[RecommendationStatus]:
    """Each recommendation, in the page's language, with the municipality's
    commitment on it in the cycle (None: no information)."""
    sources, localized = _localized_recommendations(locale_id=locale_id)
    commitments = {
        c.recommendation_id: c
        for c in Commitment.objects.filter(municipality=municipality, cycle=cycle).select_related(
            "source_document"
        )
    }
    return [RecommendationStatus(localized[p.pk], p.pk, commitments.get(p.pk)) for p in sources]


def municipality_changes(
    *, municipality: Municipality, cycle: CampaignCycle | None, locale_id: int
) -> list[tuple[CommitmentChange, Page]]:
    """The municipality's change log in the cycle, newest first, each change
    with its recommendation in the page's language."""
    _sources, localized = _localized_recommendations(locale_id=locale_id)
    changes = CommitmentChange.objects.filter(
        commitment__municipality=municipality, commitment__cycle=cycle
    ).select_related("commitment", "source_document")
    return [(c, localized.get(c.commitment.recommendation_id)) for c in changes]


def municipality_coalitions(*, municipality: Municipality) -> list:
    """The listed coalitions of a municipality: those whose sign-up names it
    (the form takes the town from the reference list; older sign-ups were
    matched to it by coalitions' data migration)."""
    coalition = apps.get_model("coalitions", "Coalition")
    listed = coalition.objects.filter(status="listed", municipality_ref=municipality)
    return list(listed.only("name", "municipality"))


COACHING_PUBLIC_STATUSES = {
    "accepted": _("coached by ORBIT"),
    "received": _("applied for coaching"),
    "waitlisted": _("on the coaching waitlist"),
}


def municipality_coaching(*, municipality: Municipality) -> list[str]:
    """What the public may know of a town's coaching: where its applications
    stand (accepted, applied, waitlisted), nothing about who applied."""
    application = apps.get_model("coalitions", "CoachingApplication")
    found = set(
        application.objects.filter(
            status__in=COACHING_PUBLIC_STATUSES, municipality_ref=municipality
        ).values_list("status", flat=True)
    )
    return [str(label) for status, label in COACHING_PUBLIC_STATUSES.items() if status in found]


@dataclass
class Adoption:
    count: int
    municipalities: list[Municipality]
    samples: bool


def recommendation_adoption(*, recommendation: Page, cycle: CampaignCycle | None) -> Adoption:
    """Which municipalities adopted a recommendation (any translation of it)
    in the cycle: one query."""
    commitments = (
        Commitment.objects.filter(
            cycle=cycle,
            status__in=ADOPTED_STATUSES,
            recommendation__translation_key=recommendation.translation_key,
            municipality__is_current=True,
        )
        .select_related("municipality__region")
        .order_by("municipality__name_nl")
    )
    found = list(commitments)
    return Adoption(
        count=len(found),
        municipalities=[c.municipality for c in found],
        samples=any(c.is_sample for c in found),
    )


def commitment_current_cycle() -> CampaignCycle | None:
    return CampaignCycle.objects.filter(is_current=True).first()


@dataclass
class OpenDataRow:
    """One cell of the municipality x recommendation table: only public facts."""

    cycle: int
    nis_code: str
    municipality_nl: str
    municipality_fr: str
    province_nis_code: str
    region_nis_code: str
    recommendation: int
    status: str
    date: str
    source: str
    note: str
    is_example: bool


OPEN_DATA_FIELDS = list(OpenDataRow.__dataclass_fields__)


def commitment_table(*, cycle: CampaignCycle | None, base_url: str) -> list[OpenDataRow]:
    """Every current municipality x every recommendation in the cycle, "no
    information" where nothing is recorded. Three queries."""
    model = _recommendation_model()
    numbers = dict(model.objects.filter(locale__language_code="nl").values_list("pk", "number"))
    commitments = defaultdict(dict)
    for c in Commitment.objects.filter(cycle=cycle).select_related("source_document"):
        commitments[c.municipality_id][numbers.get(c.recommendation_id)] = c
    rows = []
    for m in municipalities_current().order_by("nis_code"):
        for number in sorted(numbers.values()):
            c = commitments[m.pk].get(number)
            source = c.source_link if c else ""
            rows.append(
                OpenDataRow(
                    cycle=cycle.election_year if cycle else 0,
                    nis_code=m.nis_code,
                    municipality_nl=m.name_nl,
                    municipality_fr=m.name_fr,
                    province_nis_code=m.province.nis_code if m.province else "",
                    region_nis_code=m.region.nis_code,
                    recommendation=number,
                    status=c.status if c else CommitmentStatus.NO_INFORMATION.value,
                    date=c.decided_on.isoformat() if c and c.decided_on else "",
                    source=base_url + source if source.startswith("/") else source,
                    note=c.note if c else "",
                    is_example=bool(c and c.is_sample),
                )
            )
    return rows


def municipality_index_paths() -> set[str]:
    """The paths of the live overview pages, in every language, as the page
    cache keys them (decoded)."""
    return {
        unquote(urlsplit(url).path)
        for page in MunicipalityIndexPage.objects.live()
        if (url := page.get_url())
    }
