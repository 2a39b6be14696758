from collections.abc import Iterable
from typing import Any

import factory
import wagtail_factories

from recommendations.models import RecommendationPage, Theme


class RecommendationPageFactory(wagtail_factories.PageFactory):
    """A published recommendation, as an editor would publish it:
    `RecommendationPageFactory(parent=index, themes=[...], related_recommendations=[...])`."""

    class Meta:
        model = RecommendationPage

    number = factory.Sequence(lambda n: n + 100)
    title = factory.LazyAttribute(lambda page: f"Aanbeveling {page.number}")
    slug = factory.LazyAttribute(lambda page: f"aanbeveling-{page.number}")
    lead = "Een gemeente die samenhangend migratiebeleid voert."
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>De <b>gemeente</b> doet meer.</p>"}]
    )

    @classmethod
    def _create(
        cls,
        model_class: type,
        *args: Any,
        themes: Iterable[Theme] = (),
        related_recommendations: Iterable[RecommendationPage] = (),
        **kwargs: Any,
    ) -> RecommendationPage:
        page = super()._create(model_class, *args, **kwargs)
        page.themes = list(themes)
        page.related_recommendations = list(related_recommendations)
        page.save_revision().publish()
        return page
