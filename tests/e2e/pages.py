"""The public page types the end-to-end tests visit, in every language."""

from django.conf import settings
from wagtail.models import Locale, Page

from commitments.models import MunicipalityIndexPage
from municipalities.models import Municipality

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def public_page_paths(language: str) -> dict[str, str]:
    """Page type → path of the first live page of that type in `language`, plus
    a municipality's page and its correction form (routes of the overview, for
    Brussels: two official names), the search (with and without results) and a
    missing page: every template a visitor meets, including page types added later."""
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
        if isinstance(page, MunicipalityIndexPage) and "municipality page" not in paths:
            town = Municipality.objects.get(slug_fr="bruxelles").slug_in(language)
            for name, route in (
                ("municipality page", "municipality"),
                ("municipality correction page", "municipality_correction"),
            ):
                paths[name] = page.get_url() + page.reverse_subpage(route, kwargs={"slug": town})
    return {
        **paths,
        "search results": f"/{language}/search/?q=opvang",
        "search, nothing found": f"/{language}/search/?q=xylofoon",
        "page not found": f"/{language}/bestaat-niet/",
    }
