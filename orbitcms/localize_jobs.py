"""wagtail-localize's background jobs on the project's Celery workers.

wagtail-localize hands its job backend a function and its arguments (page ids,
locales, users, ...). They travel as JSON: model instances as their label and
primary key, loaded again in the worker. The message names the job by its
import path, and the worker runs only the jobs wagtail-localize enqueues: whoever
can write to the broker must not be able to name any other function.
"""

import logging
from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.apps import apps
from django.db import models, transaction
from django.utils.module_loading import import_string
from wagtail_localize.components import TranslationComponentManager
from wagtail_localize.tasks import BaseJobBackend

logger = logging.getLogger(__name__)

# The functions wagtail-localize hands to its job backend (locale sync, subtree translation).
ALLOWED_JOBS = frozenset(
    {
        "wagtail_localize.synctree.synchronize_tree",
        "wagtail_localize.operations.translate_page_subtree",
    }
)

# Per-process caches the job rebuilds when absent (synchronize_tree's page index).
PROCESS_LOCAL_KWARGS = {"page_index"}


def _encode(value: Any) -> Any:
    if isinstance(value, models.Model):
        return {"__model__": value._meta.label, "pk": value.pk}
    if isinstance(value, TranslationComponentManager):
        if value.components:
            # Components carry bound admin forms, which cannot leave the request.
            raise TypeError("Translation components cannot be sent to a Celery worker.")
        return {"__components__": []}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"{type(value).__name__} cannot be sent to a Celery worker.")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "__model__" in value:
            model = apps.get_model(value["__model__"])
            return model._default_manager.filter(pk=value["pk"]).first()
        if "__components__" in value:
            return TranslationComponentManager([])
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


@shared_task(name="orbitcms.localize_job")
def run_localize_job(function_path: str, args: list, kwargs: dict) -> None:
    if function_path not in ALLOWED_JOBS:
        logger.error("Refused a wagtail-localize job naming %r: not an allowed job.", function_path)
        return
    import_string(function_path)(*_decode(args), **_decode(kwargs))


class CeleryJobBackend(BaseJobBackend):
    def enqueue(self, func: Callable, args: Any, kwargs: Any) -> None:
        function_path = f"{func.__module__}.{func.__qualname__}"
        if function_path not in ALLOWED_JOBS:
            # A wagtail-localize upgrade enqueued a new job: add it to ALLOWED_JOBS.
            raise ValueError(f"{function_path} is not an allowed wagtail-localize job.")
        kwargs = {k: v for k, v in (kwargs or {}).items() if k not in PROCESS_LOCAL_KWARGS}
        encoded_args, encoded_kwargs = _encode(list(args or [])), _encode(kwargs)
        # wagtail-localize enqueues inside the admin view's transaction: the
        # worker must only see the job once the pages it refers to are committed.
        transaction.on_commit(
            lambda: run_localize_job.delay(function_path, encoded_args, encoded_kwargs)
        )
