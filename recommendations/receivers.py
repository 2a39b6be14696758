"""Signal receivers: they only hand over to services and tasks."""

from typing import Any

from django.db import transaction
from wagtail.signals import page_published

from .models import RecommendationIndexPage, RecommendationPage
from .tasks import generate_recommendations_pdf


def _index_published(instance: RecommendationIndexPage, **kwargs: Any) -> None:
    _pdf_refresh_later(instance.pk)


def _recommendation_published(instance: RecommendationPage, **kwargs: Any) -> None:
    _pdf_refresh_later(instance.get_parent().pk)


def _pdf_refresh_later(index_id: int) -> None:
    # The worker reads the pages once the publish is committed. robust: a
    # broker that is down is logged, it does not fail the publish.
    transaction.on_commit(lambda: generate_recommendations_pdf.delay(index_id), robust=True)


def connect() -> None:
    # Wagtail's signal: sent on every path that publishes (the editor,
    # scheduled publishing, wagtail-localize, the campaign loader).
    page_published.connect(
        _index_published,
        sender=RecommendationIndexPage,
        dispatch_uid="recommendations-index-published",
    )
    page_published.connect(
        _recommendation_published,
        sender=RecommendationPage,
        dispatch_uid="recommendations-recommendation-published",
    )
