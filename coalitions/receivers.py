"""Signal receivers: they only hand over to services."""

from typing import Any

from wagtail.signals import page_published

from coalitions.models import CoachingPage
from coalitions.services import coaching_page_slots_refresh


def _coaching_page_published(instance: CoachingPage, **kwargs: Any) -> None:
    coaching_page_slots_refresh(page=instance)


def connect() -> None:
    # Wagtail's signal, not the admin's after_publish_page hook: it is sent on
    # every path that publishes (the editor, scheduled publishing, the
    # campaign loader), inside the publishing transaction.
    page_published.connect(
        _coaching_page_published, sender=CoachingPage, dispatch_uid="coalitions-coaching-published"
    )
