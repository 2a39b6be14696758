"""Writes of the operations app: the page cache, the record of task failures and
of periodic task runs."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Page

from ops.models import PeriodicTaskRun, TaskFailure

PAGE_CACHE_ALIAS = "pages"


def page_cache_clear() -> None:
    """Forget every cached page. One publish can change many pages (the home page
    lists the recommendations, each recommendation lists related ones, search
    results, language links), so the whole page cache goes, not one entry."""
    caches[PAGE_CACHE_ALIAS].clear()


def page_cache_clear_everywhere() -> None:
    """Forget every cached page here and in the CDN, for a change that any page
    may show and Wagtail does not purge by itself: a view restriction on a page
    or a collection, a snippet (a theme's name), a setting (the footer). Wagtail
    purges the CDN on publish, move and unpublish, not on these."""
    page_cache_clear()
    if settings.WAGTAILFRONTENDCACHE:
        purge_pages_from_cache(Page.objects.live().specific())


def task_failure_record(
    *, task_name: str, task_id: str, exception: str, traceback: str
) -> TaskFailure:
    """Keep one failure for the dashboard and drop those older than the retention."""
    cutoff = timezone.now() - timedelta(days=settings.TASK_FAILURE_RETENTION_DAYS)
    TaskFailure.objects.filter(failed_at__lt=cutoff).delete()
    return TaskFailure.objects.create(
        task_name=task_name, task_id=task_id, exception=exception, traceback=traceback
    )


def periodic_task_run_record(*, task_name: str, state: str) -> None:
    """Note that a beat-scheduled task has just run, whatever its outcome: the
    record says beat and a worker are alive; a failure is also a TaskFailure."""
    PeriodicTaskRun.objects.update_or_create(
        task_name=task_name, defaults={"last_run_at": timezone.now(), "last_state": state}
    )
