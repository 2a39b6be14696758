"""Signal receivers: they only hand over to services."""

from typing import Any

from django.db import transaction

from coalitions.signals import coaching_slots_changed
from ops.services import page_cache_clear


def _slot_count_changed(**kwargs: Any) -> None:
    # The home page and the coaching page show how many slots are open: no
    # cached copy may outlive the transaction that changed the count.
    transaction.on_commit(page_cache_clear)


def connect() -> None:
    coaching_slots_changed.connect(_slot_count_changed, dispatch_uid="coalitions-slot-count")
