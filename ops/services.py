"""Writes of the operations app: the page cache and the record of task failures."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from ops.models import TaskFailure

PAGE_CACHE_ALIAS = "pages"


def page_cache_clear() -> None:
    """Forget every cached page. One publish can change many pages (the home page
    lists the recommendations, each recommendation lists related ones, search
    results, language links), so the whole page cache goes, not one entry."""
    caches[PAGE_CACHE_ALIAS].clear()


def task_failure_record(
    *, task_name: str, task_id: str, exception: str, traceback: str
) -> TaskFailure:
    """Keep one failure for the dashboard and drop those older than the retention."""
    cutoff = timezone.now() - timedelta(days=settings.TASK_FAILURE_RETENTION_DAYS)
    TaskFailure.objects.filter(failed_at__lt=cutoff).delete()
    return TaskFailure.objects.create(
        task_name=task_name, task_id=task_id, exception=exception, traceback=traceback
    )
