"""Reads for the page tree: where the translations of each Dutch page stand."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

TRANSLATION_STATUS_LABELS = {
    "up_to_date": _("Up to date"),
    "needs_update": _("Needs update"),
    "missing": _("Missing"),
}


@dataclass(frozen=True)
class TranslationCell:
    locale: Locale
    status: str
    # Where an editor continues: the translation editor, or "Translate this page".
    url: str

    @property
    def label(self) -> str:
        return str(TRANSLATION_STATUS_LABELS[self.status])


@dataclass(frozen=True)
class PageTranslationRow:
    page: Page
    cells: list[TranslationCell]

    @property
    def needs_work(self) -> bool:
        return any(cell.status != "up_to_date" for cell in self.cells)


def page_translation_statuses() -> list[PageTranslationRow]:
    """Each Dutch page against each other language: missing (no translated
    page), needs update (segments not translated since the source changed, or
    a synced draft not yet published), or up to date."""
    default = Locale.get_default()
    locales = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
    pages = list(Page.objects.filter(locale=default, depth__gt=1).order_by("path"))
    keys = [page.translation_key for page in pages]
    targets = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys).exclude(locale=default)
    }
    translations = {
        (translation.source.object_id, translation.target_locale_id): translation
        for translation in Translation.objects.filter(
            source__object_id__in=keys, enabled=True
        ).select_related("source")
    }
    progress = _translation_progress(translations.values())
    rows = []
    for page in pages:
        cells = []
        for locale in locales:
            target = targets.get((page.translation_key, locale.pk))
            if target is None:
                url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
                cells.append(TranslationCell(locale=locale, status="missing", url=url))
                continue
            translation = translations.get((page.translation_key, locale.pk))
            total, done = (
                progress.get((translation.source_id, locale.pk), (0, 0)) if translation else (0, 0)
            )
            outdated = done < total or target.has_unpublished_changes
            cells.append(
                TranslationCell(
                    locale=locale,
                    status="needs_update" if outdated else "up_to_date",
                    url=reverse("wagtailadmin_pages:edit", args=[target.pk]),
                )
            )
        rows.append(PageTranslationRow(page=page, cells=cells))
    return rows


def _translation_progress(
    translations: Iterable[Translation],
) -> dict[tuple[int, int], tuple[int, int]]:
    """(source id, target locale id) -> (segments, segments translated), as
    wagtail-localize's `Translation.get_progress` counts them, for all the
    translations at once: one query per target language, not two per page."""
    sources_by_locale = defaultdict(set)
    for translation in translations:
        sources_by_locale[translation.target_locale_id].add(translation.source_id)
    progress = {}
    for locale_id, source_ids in sources_by_locale.items():
        translated = StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=locale_id,
            has_error=False,
        )
        counts = (
            StringSegment.objects.filter(source_id__in=source_ids)
            .annotate(is_translated=Exists(translated))
            .order_by()
            .values("source_id")
            .annotate(total=Count("pk"), done=Count("pk", filter=Q(is_translated=True)))
        )
        for row in counts:
            progress[(row["source_id"], locale_id)] = (row["total"], row["done"])
    return progress
