"""The public page types the end-to-end tests visit, in every language."""

from django.conf import settings
from wagtail.models import Locale

from coalitions.models import CoachingPage, HandbookPage
from home.models import HomePage
from recommendations.models import RecommendationIndexPage, RecommendationPage

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def public_page_paths(language: str) -> dict[str, str]:
    """Page type → path of one page of that type in `language`: every template a visitor meets."""
    locale = Locale.objects.get(language_code=language)
    in_language = {"locale": locale}
    return {
        "home": HomePage.objects.get(**in_language).get_url(),
        "recommendation index": RecommendationIndexPage.objects.get(**in_language).get_url(),
        "recommendation": RecommendationPage.objects.get(number=3, **in_language).get_url(),
        "handbook": HandbookPage.objects.get(**in_language).get_url(),
        "coaching": CoachingPage.objects.get(**in_language).get_url(),
        "search results": f"/{language}/search/?q=opvang",
        "search, nothing found": f"/{language}/search/?q=xylofoon",
        "page not found": f"/{language}/bestaat-niet/",
    }
