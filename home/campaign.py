"""Loads the campaign content from the project's data file into the page tree.

Idempotent: a page that exists (same parent, same slug) is left as the editors
made it, so running the loader again never duplicates or overwrites content.
"""

from pathlib import Path
from typing import Any, TypeVar

import yaml
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import strip_tags
from wagtail.models import Locale, Page, Site

from coalitions.models import CoachingPage, CoalitionIndexPage, HandbookPage
from home.models import HomePage, SiteSettings
from recommendations.models import RecommendationIndexPage, RecommendationPage

CAMPAIGN_FILE = Path(__file__).resolve().parent / "content" / "campaign.nl.yaml"

P = TypeVar("P", bound=Page)


def campaign_load(*, path: Path = CAMPAIGN_FILE) -> HomePage:
    """Create whatever part of the campaign is missing and return the home page."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    with transaction.atomic():
        locales_ensure()
        home = _home_page(data["home"])
        site = _default_site(home, data["site"]["name"])
        _site_settings(site, data["site"])

        index = _child_page(home, RecommendationIndexPage, data["recommendation_index"])
        for recommendation in data["recommendations"]:
            _child_page(index, RecommendationPage, _recommendation_fields(recommendation))
        _child_page(home, HandbookPage, data["handbook"])
        _child_page(home, CoachingPage, data["coaching"])
        _child_page(home, CoalitionIndexPage, data["coalitions"])
    return home


def locales_ensure() -> None:
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def _home_page(fields: dict[str, Any]) -> HomePage:
    source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.filter(depth=2, locale=source_locale).first()
    if home:
        return home
    # Wagtail's first migration leaves a placeholder "Welcome" page (a plain
    # Page) where the home page belongs; the campaign's home page replaces it.
    Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
    home = HomePage(locale=source_locale, **fields)
    Page.get_first_root_node().add_child(instance=home)
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


def _recommendation_fields(data: dict[str, Any]) -> dict[str, Any]:
    body = data["body"]
    first_sentence = strip_tags(body).split(". ")[0].rstrip(".") + "."
    return {
        "number": data["number"],
        "title": data["title"],
        "slug": data["slug"],
        "lead": data.get("lead", first_sentence),
        "body": [{"type": "paragraph", "value": f"<p>{body}</p>"}],
    }


def _child_page(parent: Page, model: type[P], fields: dict[str, Any]) -> P:
    existing = parent.get_children().filter(slug=fields["slug"]).first()
    if existing:
        return existing.specific
    page = model(locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
