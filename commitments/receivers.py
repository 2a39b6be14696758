"""Signal receivers: they only hand over to services."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published

from coalitions.signals import coaching_slots_changed
from ops.services import page_cache_paths_expire
from recommendations.models import RecommendationPage

from .models import Commitment
from .selectors import municipality_paths, recommendation_municipality_paths
from .services import commitment_deleted


def _recommendation_published(instance: RecommendationPage, **kwargs: Any) -> None:
    # The overview counts the live recommendations and each town's page lists
    # them by title, though neither is a parent of a recommendation nor links
    # it in a way ops' publish refresh follows.
    paths = recommendation_municipality_paths(recommendation=instance)
    transaction.on_commit(lambda: page_cache_paths_expire(paths=paths))


def _coaching_changed(municipality_ids: set[int], **kwargs: Any) -> None:
    # A town's page says where its coaching applications stand (applied,
    # waitlisted, coached): an application made, decided, promoted or erased
    # changes it, here and in the CDN. Found once committed, as the slots'
    # pages are (coalitions.receivers): no town's address changes with it.
    transaction.on_commit(
        lambda: page_cache_paths_expire(paths=municipality_paths(municipality_ids=municipality_ids))
    )


def _commitment_deleted(instance: Commitment, origin: object = None, **kwargs: Any) -> None:
    # Deleted in the admin, past commitment_record: ops' snippet receiver
    # leaves commitments alone (`shown_on_pages = False`). The origin (what
    # `delete()` was called on) groups the commitments a bulk delete removes.
    commitment_deleted(commitment=instance, origin=origin)


def connect() -> None:
    post_delete.connect(
        _commitment_deleted, sender=Commitment, dispatch_uid="commitments-commitment-deleted"
    )
    coaching_slots_changed.connect(_coaching_changed, dispatch_uid="commitments-coaching-changed")
    page_published.connect(
        _recommendation_published,
        sender=RecommendationPage,
        dispatch_uid="commitments-recommendation-published",
    )
