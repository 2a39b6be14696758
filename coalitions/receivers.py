"""Signal receivers: they only hand over to services."""

from typing import Any

from django.db import transaction
from wagtail.signals import page_published

from coalitions.models import CoachingPage
from coalitions.services import coaching_page_slots_refresh
from coalitions.signals import coaching_slots_changed
from ops.services import page_cache_clear


def _slot_count_changed(**kwargs: Any) -> None:
    # The home page and the coaching page show how many slots are open: no
    # cached copy may outlive the transaction that changed the count.
    transaction.on_commit(page_cache_clear)


def _coaching_page_published(instance: CoachingPage, **kwargs: Any) -> None:
    coaching_page_slots_refresh(page=instance)


def connect() -> None:
    coaching_slots_changed.connect(_slot_count_changed, dispatch_uid="coalitions-slot-count")
    # Wagtail's signal, not the admin's after_publish_page hook: it is sent on
    # every path that publishes (the editor, scheduled publishing, the
    # campaign loader), inside the publishing transaction.
    page_published.connect(
        _coaching_page_published, sender=CoachingPage, dispatch_uid="coalitions-coaching-published"
    )
