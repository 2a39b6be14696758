"""Signal receivers: they only hand over to services.

The page cache is cleared after the transaction that published commits: a
render that starts between the clear and the commit would otherwise cache the
old page again."""

import logging
from typing import Any

from celery.signals import task_failure, task_postrun
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)
from wagtail.snippets.models import get_snippet_models

from ops.selectors import beat_task_names, page_cache_paths_shown_with
from ops.services import (
    page_cache_clear,
    page_cache_clear_everywhere,
    page_cache_paths_expire,
    periodic_task_run_record,
    task_failure_record,
)
from ops.sites import site_lookup_clear

logger = logging.getLogger("ops.tasks")


def _page_cache_clear_on_commit(**kwargs: Any) -> None:
    transaction.on_commit(page_cache_clear)


def _snippet_published(instance: Any, **kwargs: Any) -> None:
    # Wagtail sends these for pages too, after page_published or page_unpublished.
    if not isinstance(instance, Page):
        _page_cache_clear_on_commit()


def _page_published(instance: Page, **kwargs: Any) -> None:
    """A publish refreshes the pages that show the page and keeps the rest of
    the cache warm; a home page or a section of the menu refreshes them all."""
    paths = page_cache_paths_shown_with(page=instance)
    if paths is None:
        transaction.on_commit(page_cache_clear)
    else:
        transaction.on_commit(lambda: page_cache_paths_expire(paths=paths))


def _shown_content_changed(sender: type, **kwargs: Any) -> None:
    """A saved or deleted row that pages show or that decides who may see them:
    settings (the footer's contact address), snippets (a theme's name on each
    recommendation), view restrictions on a page or on a collection (a page
    made private must not be served from a copy made while it was public)."""
    shown = BaseSiteSetting | BaseGenericSetting | PageViewRestriction | CollectionViewRestriction
    # A snippet that pages never show as such (a public proposal in the
    # editors' queue) or whose service refreshes the pages itself says so.
    snippet_shown = sender in get_snippet_models() and getattr(sender, "shown_on_pages", True)
    if issubclass(sender, shown) or snippet_shown:
        transaction.on_commit(page_cache_clear_everywhere)


def _site_lookups_clear() -> None:
    """The sites kept for hosts go at once, for the requests of the
    transaction that changed one, and again when it commits, for those that
    raced with it."""
    site_lookup_clear()
    transaction.on_commit(site_lookup_clear)


def _site_changed(**kwargs: Any) -> None:
    """A site saved or deleted. Its address shows on every page (canonical
    links, share links): the cached pages go too, here and in the CDN."""
    _site_lookups_clear()
    transaction.on_commit(page_cache_clear_everywhere)


def _page_moved(instance: Page, **kwargs: Any) -> None:
    # A kept site carries its root page and that page's place in the tree;
    # the move clears the page cache by itself (connect(), below).
    if Site.objects.filter(root_page=instance).exists():
        _site_lookups_clear()


def _task_failed(
    sender: Any = None,
    task_id: str = "",
    exception: BaseException | None = None,
    einfo: Any = None,
    **kwargs: Any,
) -> None:
    task_name = getattr(sender, "name", str(sender))
    logger.error(
        "Celery task %s[%s] failed: %r",
        task_name,
        task_id,
        exception,
        extra={"task_name": task_name, "task_id": task_id},
    )
    task_failure_record(
        task_name=task_name,
        task_id=task_id,
        exception=repr(exception),
        traceback=str(einfo or ""),
    )


def _task_ran(sender: Any = None, state: str = "", **kwargs: Any) -> None:
    task_name = getattr(sender, "name", "")
    if task_name in beat_task_names():
        periodic_task_run_record(task_name=task_name, state=state or "")


def connect() -> None:
    page_published.connect(_page_published, dispatch_uid="ops-page-published")
    # An unpublished or moved page leaves menus and listings, and a new slug
    # leaves the old address (and its descendants') behind: everything goes.
    for signal in (page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_page_cache_clear_on_commit, dispatch_uid=f"ops-page-cache-{id(signal)}")
    for signal in (published, unpublished):
        signal.connect(_snippet_published, dispatch_uid=f"ops-snippet-published-{id(signal)}")
    # Deleting a page of any type deletes its Page row too, so one sender suffices.
    post_delete.connect(_page_cache_clear_on_commit, sender=Page, dispatch_uid="ops-page-delete")
    for signal in (post_save, post_delete):
        signal.connect(_shown_content_changed, dispatch_uid=f"ops-shown-content-{id(signal)}")
        signal.connect(_site_changed, sender=Site, dispatch_uid=f"ops-site-{id(signal)}")
    post_page_move.connect(_page_moved, dispatch_uid="ops-page-moved-site")
    task_failure.connect(_task_failed, weak=False, dispatch_uid="ops-task-failed")
    task_postrun.connect(_task_ran, weak=False, dispatch_uid="ops-periodic-task-ran")
