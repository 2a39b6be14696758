"""Signal receivers: they only hand over to services and tasks."""

from typing import Any

from django.db import transaction
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import RecommendationIndexPage, RecommendationPage
from .tasks import generate_recommendations_pdf


def _index_published(instance: RecommendationIndexPage, **kwargs: Any) -> None:
    _pdf_refresh_later(instance.pk)


def _recommendation_published(instance: RecommendationPage, **kwargs: Any) -> None:
    _pdf_refresh_later(instance.get_parent().pk)


def _recommendation_unpublished(instance: RecommendationPage, **kwargs: Any) -> None:
    # Also sent when a live page is deleted (Wagtail unpublishes it first, in
    # pre_delete, while its parent is still there).
    _pdf_refresh_later(instance.get_parent().pk, force=True)


def _recommendation_moved(
    instance: RecommendationPage, parent_page_before: Page, parent_page_after: Page, **kwargs: Any
) -> None:
    # A reorder under the same index leaves the PDF as it is: it orders by number.
    if instance.live and parent_page_before.pk != parent_page_after.pk:
        _pdf_refresh_later(parent_page_before.pk, force=True)
        _pdf_refresh_later(parent_page_after.pk, force=True)


def _pdf_refresh_later(index_id: int, *, force: bool = False) -> None:
    # The worker reads the pages once the change is committed. robust: a
    # broker that is down is logged, it does not fail the publish.
    transaction.on_commit(
        lambda: generate_recommendations_pdf.delay(index_id, force=force), robust=True
    )


def connect() -> None:
    # Wagtail's signals: sent on every path that publishes, unpublishes or
    # moves (the editor, scheduled publishing, wagtail-localize, the campaign
    # loader).
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
    page_unpublished.connect(
        _recommendation_unpublished,
        sender=RecommendationPage,
        dispatch_uid="recommendations-recommendation-unpublished",
    )
    post_page_move.connect(
        _recommendation_moved,
        sender=RecommendationPage,
        dispatch_uid="recommendations-recommendation-moved",
    )
