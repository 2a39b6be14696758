"""Writes to the search index beyond what Wagtail does on save."""

from wagtail.models import Page
from wagtail.search import index

from core.text_analysis import SearchTermsMixin
from recommendations.models import RecommendationPage, Theme


def search_page_reindex(*, page: Page) -> None:
    """Index a published page again with its many-to-many relations.

    Wagtail indexes a page when it is saved, and in this project right away
    (TASKS' immediate backend), which is before modelcluster saves the page's
    themes: the analysed text would hold the themes it had before."""
    if isinstance(page, SearchTermsMixin):
        index.insert_or_update_object(page)


def search_theme_pages_reindex(*, theme: Theme) -> None:
    """Index again the recommendations in the theme's language that carry it
    (translations keep the source's theme, so match on its translation key)."""
    for page in RecommendationPage.objects.filter(
        locale_id=theme.locale_id, themes__translation_key=theme.translation_key
    ).distinct():
        index.insert_or_update_object(page)
