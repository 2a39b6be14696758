"""Loads the campaign content from the project's data files into the page tree.

Dutch (campaign.nl.yaml) is the source. French and English (campaign.fr.yaml,
campaign.en.yaml) are loaded through wagtail-localize's own translation
records, exactly as if a translator had filled them in its editor: editors see
them there, and later changes to a Dutch page sync into them.

Idempotent: a page, theme or translation that exists is left as the editors
made it, so running the loader again never duplicates or overwrites content.
"""

import json
from collections import defaultdict
from pathlib import Path
from typing import Any, TypeVar
from uuid import uuid4

import yaml
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import models, transaction
from django.utils.html import strip_tags
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from coalitions.handbook.services import handbook_pdf_ensure
from coalitions.models import CoachingPage, CoalitionIndexPage, HandbookPage
from commitments.models import MunicipalityIndexPage
from core.models import PrivacyPage, SiteSettings
from home.illustrations import hero_illustration_ensure
from home.models import HomePage
from recommendations.models import RecommendationIndexPage, RecommendationPage, Theme
from recommendations.services import recommendations_pdf_refresh

CONTENT_DIR = Path(__file__).resolve().parent / "content"
CAMPAIGN_FILE = CONTENT_DIR / "campaign.nl.yaml"

P = TypeVar("P", bound=Page)
M = TypeVar("M", bound=models.Model)


def campaign_load(*, path: Path = CAMPAIGN_FILE) -> HomePage:
    """Create whatever part of the campaign is missing and return the Dutch home page."""
    data = _read(path)
    with transaction.atomic():
        locales_ensure()
        home = _home_page(data["home"])
        site = _default_site(home, data["site"]["name"])
        _site_settings(site, data["site"])

        themes = {t["slug"]: _theme(t) for t in data["themes"]}
        index = _child_page(home, RecommendationIndexPage, data["recommendation_index"])
        recommendations = {
            r["number"]: _child_page(index, RecommendationPage, _recommendation_fields(r))
            for r in data["recommendations"]
        }
        for r in data["recommendations"]:
            _recommendation_links(recommendations[r["number"]], r, themes, recommendations)

        handbook = _child_page(home, HandbookPage, _handbook_fields(data))
        coaching = _child_page(home, CoachingPage, data["coaching"])
        coalitions = _child_page(home, CoalitionIndexPage, data["coalitions"])
        municipalities = _child_page(home, MunicipalityIndexPage, data["municipalities"])
        privacy = _child_page(home, PrivacyPage, data["privacy"])

        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            if code != settings.LANGUAGE_CODE:
                translated = _read(CONTENT_DIR / f"campaign.{code}.yaml")
                locale = Locale.objects.get(language_code=code)
                for slug, theme in themes.items():
                    _translate(theme, locale, {"name": translated["themes"][slug]})
                _translate(home, locale, translated["home"])
                _translate(index, locale, translated["recommendation_index"])
                for number, page in recommendations.items():
                    fields = {"number": number, **translated["recommendations"][number]}
                    _translate(page, locale, _recommendation_fields(fields))
                _translate(handbook, locale, _handbook_fields(translated))
                _translate(coaching, locale, translated["coaching"])
                _translate(coalitions, locale, translated["coalitions"])
                _translate(municipalities, locale, translated["municipalities"])
                _translate(privacy, locale, translated["privacy"])
        # A fresh site offers each language's handbook PDF and PDF of the
        # recommendations at once, without waiting for the worker that
        # publishing also asks to make them.
        for page in HandbookPage.objects.filter(translation_key=handbook.translation_key):
            handbook_pdf_ensure(page=page)
        for page in RecommendationIndexPage.objects.filter(translation_key=index.translation_key):
            recommendations_pdf_refresh(index_id=page.pk)
    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)
    return home


def locales_ensure() -> None:
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def _read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _home_page(fields: dict[str, Any]) -> HomePage:
    source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.filter(depth=2, locale=source_locale).first()
    if home:
        return home
    # Wagtail's first migration leaves a placeholder "Welcome" page (a plain
    # Page) where the home page belongs; the campaign's home page replaces it.
    Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
    home = HomePage(locale=source_locale, image=hero_illustration_ensure(), **fields)
    # A database emptied by `flush` (as transactional tests do) has lost the
    # root node Wagtail's first migration made.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=source_locale)
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    return home


def _default_site(home: HomePage, name: str) -> Site:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = site.site_name or name
    site.save()
    return site


def _site_settings(site: Site, fields: dict[str, str]) -> None:
    site_settings = SiteSettings.for_site(site)
    if not site_settings.dossier_url:
        site_settings.contact_email = fields["contact_email"]
        site_settings.dossier_url = fields["dossier_url"]
        site_settings.save()


def _theme(fields: dict[str, str]) -> Theme:
    source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    theme, _created = Theme.objects.get_or_create(
        slug=fields["slug"], locale=source_locale, defaults={"name": fields["name"]}
    )
    return theme


def _recommendation_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The page fields of one recommendation, in any language: its lead is the
    first sentence of its text unless the data file gives one."""
    body = data["body"]
    first_sentence = strip_tags(body).split(". ")[0].rstrip(".") + "."
    return {
        "number": data["number"],
        "title": data["title"],
        "slug": data["slug"],
        "lead": data.get("lead", first_sentence),
        "body": [{"type": "paragraph", "value": f"<p>{body}</p>"}],
    }


def _recommendation_links(
    page: RecommendationPage,
    data: dict[str, Any],
    themes: dict[str, Theme],
    recommendations: dict[int, RecommendationPage],
) -> None:
    """Themes and related recommendations, set once: after that they are the editors'."""
    if page.themes.exists() or page.related_recommendations.exists():
        return
    page.themes = [themes[slug] for slug in data.get("themes", [])]
    page.related_recommendations = [recommendations[n] for n in data.get("related", [])]
    page.save_revision().publish()


def _handbook_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The handbook page's fields in one language's data file: its chapters, where
    the `recommendations` entry becomes the 10 recommendations of the same file."""
    handbook = data["handbook"]
    chapters = [
        _with_ids(
            _recommendations_block(data["recommendations"])
            if block["type"] == "recommendations"
            else block
        )
        for block in handbook["chapters"]
    ]
    fields = {key: handbook[key] for key in ("title", "menu_title", "slug", "intro")}
    return {**fields, "chapters": chapters}


def _with_ids(block: dict[str, Any]) -> dict[str, Any]:
    """The block with ids on it and on a checklist's items: wagtail-localize finds
    each passage by its path of ids, which must be the same when the source is
    read and when its translation is saved."""
    if block["type"] == "checklist":
        items = [
            {"type": "item", "value": item, "id": str(uuid4())} for item in block["value"]["items"]
        ]
        block = {**block, "value": {**block["value"], "items": items}}
    return {**block, "id": str(uuid4())}


def _recommendations_block(recommendations: list | dict) -> dict[str, str]:
    # The Dutch file lists the recommendations, the translations key them by number.
    items = recommendations if isinstance(recommendations, list) else recommendations.values()
    entries = "".join(f"<li><b>{r['title']}</b>. {r['body']}</li>" for r in items)
    return {"type": "text", "value": f"<ol>{entries}</ol>"}


def _child_page(parent: Page, model: type[P], fields: dict[str, Any]) -> P:
    existing = parent.get_children().filter(slug=fields["slug"]).first()
    if existing:
        return existing.specific
    page = model(locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _translate(
    instance: M,
    locale: Locale,
    fields: dict[str, Any],
    overrides: dict[str, models.Model] | None = None,
) -> M:
    """Translate `instance` into `locale` through wagtail-localize with the
    given field values; an existing translation is kept as it is."""
    existing = instance.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific if isinstance(existing, Page) else existing
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    _string_translations_fill(source, locale, type(instance)(**fields))
    for path, value in (overrides or {}).items():
        segment = OverridableSegment.objects.get(source=source, context__path=path)
        SegmentOverride.objects.update_or_create(
            locale=locale, context=segment.context, defaults={"data_json": json.dumps(value.pk)}
        )
    if not isinstance(instance, Page):
        translation.save_target(publish=True)
        return instance.get_translation(locale)
    # wagtail-localize publishes a new page translation when the transaction
    # commits, from the page object it held then; inside the loader's single
    # transaction that stale object would reset the tree's child counts. So the
    # translation is saved as a draft and its revision published from the database now.
    translation.save_target(publish=False)
    translated = instance.get_translation(locale).specific
    translated.get_latest_revision().publish()
    return translated


def _string_translations_fill(
    source: TranslationSource, locale: Locale, translated: models.Model
) -> None:
    """Pair each source string with the string at the same place in the
    translated fields: same field, same position within it."""
    source_strings = defaultdict(list)
    for segment in (
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    ):
        source_strings[segment.context.path.split(".")[0]].append(segment)
    translated_strings = defaultdict(list)
    for segment in extract_segments(translated):
        if isinstance(segment, StringSegmentValue):
            translated_strings[segment.path.split(".")[0]].append(segment)

    for field, segments in translated_strings.items():
        if len(segments) != len(source_strings[field]):
            raise ValueError(
                f"{source.object_repr}: '{field}' has {len(source_strings[field])} passages "
                f"in the source but {len(segments)} in {locale.language_code}."
            )
        for source_segment, segment in zip(source_strings[field], segments, strict=True):
            StringTranslation.objects.get_or_create(
                translation_of=source_segment.string,
                locale=locale,
                context=source_segment.context,
                defaults={
                    "data": segment.string.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
