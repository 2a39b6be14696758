"""Signal receivers: they only hand over to services.

The page cache is cleared after the transaction that published commits: a
render that starts between the clear and the commit would otherwise cache the
old page again."""

import logging
from typing import Any

from celery.signals import task_failure
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from ops.services import page_cache_clear, task_failure_record

logger = logging.getLogger("ops.tasks")


def _page_cache_clear_on_commit(**kwargs: Any) -> None:
    transaction.on_commit(page_cache_clear)


def _settings_saved(sender: type, **kwargs: Any) -> None:
    # Site settings show on every page (the footer's contact address).
    if issubclass(sender, BaseSiteSetting | BaseGenericSetting):
        _page_cache_clear_on_commit()


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


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(_page_cache_clear_on_commit, dispatch_uid=f"ops-page-cache-{id(signal)}")
    # Deleting a page of any type deletes its Page row too, so one sender suffices.
    post_delete.connect(_page_cache_clear_on_commit, sender=Page, dispatch_uid="ops-page-delete")
    post_save.connect(_settings_saved, dispatch_uid="ops-settings-saved")
    task_failure.connect(_task_failed, weak=False, dispatch_uid="ops-task-failed")
