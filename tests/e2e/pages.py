"""The public page types the end-to-end tests visit, in every language."""

from django.conf import settings
from wagtail.models import Locale, Page

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def public_page_paths(language: str) -> dict[str, str]:
    """Page type → path of the first live page of that type in `language`, plus
    the search (with and without results) and a missing page: every template a
    visitor meets, including page types added later."""
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1, locale=Locale.objects.get(language_code=language))
        .order_by("path")
        .specific()
    )
    paths: dict[str, str] = {}
    for page in pages:
        paths.setdefault(type(page).__name__, page.get_url())
    return {
        **paths,
        "search results": f"/{language}/search/?q=opvang",
        "search, nothing found": f"/{language}/search/?q=xylofoon",
        "page not found": f"/{language}/bestaat-niet/",
    }
