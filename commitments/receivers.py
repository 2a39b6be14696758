"""Signal receivers: they only hand over to services."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published

from ops.services import page_cache_paths_expire
from recommendations.models import RecommendationPage

from .models import Commitment
from .selectors import municipality_index_paths
from .services import commitment_deleted


def _page_published(instance: Page, **kwargs: Any) -> None:
    # The overview counts the live recommendations ("3 of 10 adopted"): a
    # recommendation published for the first time changes it, though it is no
    # parent of it (a later publish of the same page leaves the count as it is).
    first_publish = instance.first_published_at == instance.last_published_at
    if first_publish:
        paths = municipality_index_paths()
        transaction.on_commit(lambda: page_cache_paths_expire(paths=paths))


def _commitment_deleted(instance: Commitment, **kwargs: Any) -> None:
    # Deleted in the admin, past commitment_record: ops' snippet receiver
    # leaves commitments alone (`shown_on_pages = False`).
    commitment_deleted(commitment=instance)


def connect() -> None:
    post_delete.connect(
        _commitment_deleted, sender=Commitment, dispatch_uid="commitments-commitment-deleted"
    )
    page_published.connect(
        _page_published,
        sender=RecommendationPage,
        dispatch_uid="commitments-recommendation-published",
    )
