"""Reactions to Wagtail's signals; connected in HomeConfig.ready()."""

from wagtail.signals import page_published

from home.services import page_translations_sync_enqueue


def _sync_translations_on_publish(sender, instance, **kwargs) -> None:
    page_translations_sync_enqueue(page=instance)


def connect() -> None:
    page_published.connect(_sync_translations_on_publish, dispatch_uid="home-sync-translations")
