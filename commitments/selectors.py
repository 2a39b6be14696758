"""Reads for the commitments: each a fixed number of queries, however many
municipalities and commitments there are."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from coalitions.models import CoachingApplication, Coalition
from municipalities.models import Municipality, MunicipalitySettings
from municipalities.names import name_fold
from municipalities.selectors import POSTAL_CODE, municipalities_covered, municipalities_current
from ops.selectors import page_cache_path, page_cache_paths_served
from recommendations.models import RecommendationPage

from .models import (
    ADOPTED_STATUSES,
    CampaignCycle,
    Commitment,
    CommitmentChange,
    CommitmentStatus,
    MunicipalityIndexPage,
)


def campaign_cycles() -> list[CampaignCycle]:
    return list(CampaignCycle.objects.all())


def campaign_cycle_pick(*, cycles: list[CampaignCycle], year: str | None) -> CampaignCycle | None:
    """The cycle a visitor asked for (`?cycle=2018`), else the current one."""
    return next((c for c in cycles if str(c.election_year) == year), None) or next(
        (c for c in cycles if c.is_current), cycles[0] if cycles else None
    )


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
    return RecommendationPage.objects.live().filter(locale__language_code="nl").count()


def _localized_recommendations(*, locale_id: int) -> tuple[list[Page], dict]:
    """The Dutch source recommendations in number order, and each source's
    translation in the locale (falling back to the source)."""
    pages = list(
        RecommendationPage.objects.live().filter(locale__language_code="nl").order_by("number")
    )
    translations = {
        p.translation_key: p
        for p in RecommendationPage.objects.live().filter(
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


def municipality_coalitions(*, municipality: Municipality) -> list[Coalition]:
    """The listed coalitions of a municipality: those whose sign-up names it
    (the form takes the town from the reference list; older sign-ups were
    matched to it by coalitions' data migration)."""
    listed = Coalition.objects.filter(status=Coalition.Status.LISTED, municipality=municipality)
    return list(listed.only("name", "municipality_name"))


COACHING_PUBLIC_STATUSES = {
    CoachingApplication.Status.ACCEPTED: _("coached by ORBIT"),
    CoachingApplication.Status.RECEIVED: _("applied for coaching"),
    CoachingApplication.Status.WAITLISTED: _("on the coaching waitlist"),
}


def municipality_coaching(*, municipality: Municipality) -> list[str]:
    """What the public may know of a town's coaching: where its applications
    stand (accepted, applied, waitlisted), nothing about who applied."""
    found = set(
        CoachingApplication.objects.filter(
            status__in=COACHING_PUBLIC_STATUSES, municipality=municipality
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


@dataclass(frozen=True)
class AdoptingCount:
    count: int
    samples: bool


def municipalities_adopting() -> AdoptingCount:
    """How many municipalities adopted at least one recommendation in the
    current cycle, for the home page's figures: one query."""
    adopted = Commitment.objects.filter(
        cycle__is_current=True, status__in=ADOPTED_STATUSES, municipality__is_current=True
    ).aggregate(
        count=Count("municipality", distinct=True),
        samples=Count("pk", filter=Q(is_sample=True)),
    )
    return AdoptingCount(count=adopted["count"], samples=bool(adopted["samples"]))


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
    numbers = dict(
        RecommendationPage.objects.filter(locale__language_code="nl").values_list("pk", "number")
    )
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


def _town_subpath(index: MunicipalityIndexPage, municipality: Municipality) -> str:
    slug = municipality.slug_in(index.locale.language_code)
    return index.reverse_subpage("municipality", kwargs={"slug": slug})


def municipality_page_subpaths(*, index: MunicipalityIndexPage) -> list[str]:
    """The town pages an overview serves, as its sub-paths ("gent/"): one for
    each municipality of the regions the campaign covers on its site."""
    site = index.get_site()
    if site is None:
        return []
    covered = municipalities_covered(settings=MunicipalitySettings.for_site(site))
    return [
        _town_subpath(index, municipality)
        for municipality in covered.select_related(None).only("slug_nl", "slug_fr", "slug_en")
    ]


def municipality_paths(*, municipality_ids: Iterable[int]) -> set[str]:
    """The paths of these municipalities' pages, in every language."""
    municipalities = list(Municipality.objects.filter(pk__in=set(municipality_ids)))
    return {
        index_path + _town_subpath(index, municipality)
        for index in MunicipalityIndexPage.objects.live().select_related("locale")
        if (index_path := page_cache_path(index.get_url()))
        for municipality in municipalities
    }


def recommendation_municipality_paths(*, recommendation: RecommendationPage) -> set[str]:
    """The paths of the overviews and town pages that show `recommendation`:
    they list the recommendations by title in their language (the Dutch
    source where a translation is missing) and count them. Those of its own
    language; for the Dutch source also those of languages without a live
    translation of it."""
    indexes = MunicipalityIndexPage.objects.live().select_related("locale")
    if recommendation.locale.language_code == settings.LANGUAGE_CODE:
        translated = RecommendationPage.objects.live().filter(
            translation_key=recommendation.translation_key
        )
        indexes = indexes.exclude(
            locale_id__in=translated.exclude(pk=recommendation.pk).values("locale_id")
        )
    else:
        indexes = indexes.filter(locale_id=recommendation.locale_id)
    return page_cache_paths_served(pages=indexes)


def commitment_paths_shown(
    *, municipality_ids: Iterable[int], recommendation_ids: Iterable[int]
) -> set[str]:
    """The paths of the cached pages that show the commitments of these
    municipalities on these (Dutch source) recommendations, as the page cache
    keys them: each municipality's page and the overview in every language,
    every live translation of the recommendations (with the sub-paths each
    serves) and the home pages (their live totals). Not the correction pages,
    which are never cached. A fixed number of queries, however many
    commitments changed."""
    paths = municipality_paths(municipality_ids=municipality_ids)
    paths.update(
        index_path
        for index in MunicipalityIndexPage.objects.live()
        if (index_path := page_cache_path(index.get_url()))
    )
    sources = RecommendationPage.objects.filter(pk__in=set(recommendation_ids))
    translations = RecommendationPage.objects.live().filter(
        translation_key__in=sources.values("translation_key")
    )
    homes = Page.objects.live().filter(depth=2).specific()
    paths.update(page_cache_paths_served(pages=[*translations, *homes]))
    return paths


@dataclass
class ImportRow:
    """One spreadsheet row, read against what is recorded: what importing it
    would do ("create", "update", "unchanged") or why it cannot ("error")."""

    line: int
    nis_code: str
    recommendation_number: str
    action: str
    status: str = ""
    old_status: str = ""
    errors: list[str] = field(default_factory=list)
    commitment: Commitment | None = None  # unsaved, with the row's values


@dataclass
class ImportPlan:
    rows: list[ImportRow]

    @property
    def changes(self) -> list[ImportRow]:
        return [r for r in self.rows if r.action in ("create", "update")]

    @property
    def errors(self) -> list[ImportRow]:
        return [r for r in self.rows if r.action == "error"]


# The spreadsheet's column for each field, as the open data names them.
IMPORT_COLUMNS = {"decided_on": "date", "source_url": "source", "note": "note"}


def _import_row_errors(commitment: Commitment, values: dict[str, str]) -> list[str]:
    errors = []
    if values.get("status", "") not in CommitmentStatus.values:
        errors.append(
            str(_("Unknown status “%(status)s”: use one of %(choices)s."))
            % {"status": values.get("status", ""), "choices": ", ".join(CommitmentStatus.values)}
        )
    try:
        commitment.full_clean(exclude=["municipality", "recommendation", "cycle", "status"])
    except ValidationError as error:
        errors += [
            f"{IMPORT_COLUMNS.get(name, name)}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        ]
    return errors


def commitment_import_plan(*, rows: list[dict[str, str]], cycle: CampaignCycle) -> ImportPlan:
    """What importing the rows (the open data's columns: nis_code,
    recommendation, status, date, source, note) into the cycle would change.
    Writes nothing; three queries whatever the number of rows."""
    municipalities = {m.nis_code: m for m in Municipality.objects.filter(is_current=True)}
    recommendations = {
        str(p.number): p for p in RecommendationPage.objects.filter(locale__language_code="nl")
    }
    recorded = {
        (c.municipality_id, c.recommendation_id): c for c in Commitment.objects.filter(cycle=cycle)
    }
    seen: set[tuple[str, str]] = set()
    planned = []
    for line, values in enumerate(rows, start=2):  # line 1 is the header
        nis_code, number = values.get("nis_code", ""), values.get("recommendation", "")
        row = ImportRow(line, nis_code, number, "error", status=values.get("status", ""))
        planned.append(row)
        municipality, recommendation = municipalities.get(nis_code), recommendations.get(number)
        if municipality is None:
            row.errors.append(
                str(_("No current municipality has NIS code “%(code)s”.")) % {"code": nis_code}
            )
        if recommendation is None:
            row.errors.append(
                str(_("There is no recommendation “%(number)s”.")) % {"number": number}
            )
        if (nis_code, number) in seen:
            row.errors.append(
                str(_("This municipality and recommendation are on an earlier line too."))
            )
        seen.add((nis_code, number))
        if row.errors:
            continue
        existing = recorded.get((municipality.pk, recommendation.pk))
        commitment = Commitment(
            municipality=municipality,
            recommendation=recommendation,
            cycle=cycle,
            status=values.get("status", ""),
            decided_on=values.get("date") or None,
            source_url=values.get("source", ""),
            note=values.get("note", ""),
        )
        row.errors = _import_row_errors(commitment, values)
        if row.errors:
            continue
        row.commitment = commitment
        if existing is None:
            row.action = "create"
        else:
            row.old_status = existing.status
            # As commitment_set would write it: an example becomes a real record.
            same = not existing.is_sample and all(
                getattr(existing, name) == getattr(commitment, name)
                for name in ("status", "decided_on", "source_url", "note")
            )
            row.action = "unchanged" if same else "update"
    return ImportPlan(planned)
