from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from recommendations.models import Theme

from .services import search_page_reindex, search_theme_pages_reindex


@receiver(page_published)
def page_published_reindex(sender, instance, **kwargs) -> None:
    search_page_reindex(page=instance)


@receiver(post_save, sender=Theme)
def theme_saved_reindex(sender, instance: Theme, raw: bool = False, **kwargs) -> None:
    if not raw:
        search_theme_pages_reindex(theme=instance)
