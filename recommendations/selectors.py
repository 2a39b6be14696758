"""Reads for the recommendations: each a fixed number of queries, however many
recommendations there are."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet, Subquery
from wagtail.documents.models import Document
from wagtail.models import Page

from .models import RecommendationIndexPage, RecommendationPage, RecommendationsPdf, Theme


def recommendation_list(*, index: Page, theme: Theme | None = None) -> QuerySet[RecommendationPage]:
    recommendations = RecommendationPage.objects.child_of(index).live().order_by("number")
    if theme is not None:
        # Translations keep the source's themes, so match on the theme's
        # translation key rather than on the localised row.
        recommendations = recommendations.filter(themes__translation_key=theme.translation_key)
    return recommendations


def recommendation_number_taken(*, parent: Page, number: int, exclude: Page | None = None) -> bool:
    siblings = RecommendationPage.objects.child_of(parent).filter(number=number)
    if exclude is not None and exclude.pk:
        siblings = siblings.exclude(pk=exclude.pk)
    return siblings.exists()


def recommendation_neighbours(
    *, page: RecommendationPage
) -> tuple[RecommendationPage | None, RecommendationPage | None]:
    """The previous and the next recommendation by number, among live siblings:
    one query, each neighbour picked by a subquery."""
    siblings = RecommendationPage.objects.sibling_of(page, inclusive=False).live()
    previous = siblings.filter(number__lt=page.number).order_by("-number").values("pk")[:1]
    following = siblings.filter(number__gt=page.number).order_by("number").values("pk")[:1]
    neighbours = RecommendationPage.objects.filter(
        Q(pk=Subquery(previous)) | Q(pk=Subquery(following))
    )
    by_side = {neighbour.number < page.number: neighbour for neighbour in neighbours}
    return by_side.get(True), by_side.get(False)


def recommendation_related(*, page: RecommendationPage) -> list[RecommendationPage]:
    """The related recommendations in the page's own language.

    Translations are linked to the source's pages; each is swapped for its
    translation in one query, falling back to the linked page.
    """
    linked = list(page.related_recommendations.all().order_by("number"))
    localized = {
        p.translation_key: p
        for p in RecommendationPage.objects.live().filter(
            locale_id=page.locale_id, translation_key__in=[p.translation_key for p in linked]
        )
    }
    return [localized.get(p.translation_key, p) for p in linked if p.live]


def theme_list(*, locale_id: int) -> list[Theme]:
    """By the locale's id: a page's `locale` would cost a query of its own."""
    return list(Theme.objects.filter(locale_id=locale_id).order_by("name"))


def theme_localized(*, themes: Iterable[Theme], locale_id: int) -> list[Theme]:
    """The given themes in the locale, falling back to the theme as linked.
    By the locale's id: a page's `locale` would cost a query of its own."""
    themes = list(themes)
    localized = {
        t.translation_key: t
        for t in Theme.objects.filter(
            locale_id=locale_id, translation_key__in=[t.translation_key for t in themes]
        )
    }
    return sorted(
        (localized.get(t.translation_key, t) for t in themes), key=lambda t: t.name.lower()
    )


def recommendations_pdf(*, index: RecommendationIndexPage) -> Document | None:
    """The PDF of the recommendations generated for the index page, or none yet."""
    record = RecommendationsPdf.objects.filter(index_id=index.pk).select_related("document").first()
    return record.document if record else None
