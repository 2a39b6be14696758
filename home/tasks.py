from celery import shared_task

from home.services import page_translations_sync


@shared_task
def sync_page_translations(page_id: int) -> int:
    """After a Dutch page is published: bring its translations up to date."""
    return page_translations_sync(page_id=page_id)
