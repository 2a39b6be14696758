"""The Celery app: workers start with `celery -A orbitcms worker`."""

import logging.config
import os
from typing import Any

from celery import Celery, signals
from celery.apps import worker as celery_worker
from celery.apps.beat import Beat

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orbitcms.settings.dev")
# Python's warnings (Celery's SecurityWarning at start-up, deprecations) go to
# the `py.warnings` logger, in the log format of everything else.
logging.captureWarnings(True)


def _json_logs() -> bool:
    from django.conf import settings

    return settings.LOGGING["handlers"]["console"]["formatter"] == "json"


class QuietWhenJsonMixin:
    """With LOG_FORMAT=json every line a worker or beat writes is a JSON log
    record, so their start-up banners (printed, not logged) are left out."""

    def __init__(self, *args: Any, quiet: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, quiet=quiet or _json_logs(), **kwargs)


class QuietWhenJsonWorker(QuietWhenJsonMixin, celery_worker.Worker):
    def install_platform_tweaks(self, worker: celery_worker.Worker) -> None:
        super().install_platform_tweaks(worker)
        if self.quiet:
            # The same warm shutdown on SIGTERM, without its printed notice.
            celery_worker.install_worker_term_handler(worker, verbose=False)


class QuietWhenJsonBeat(QuietWhenJsonMixin, Beat):
    pass


class OrbitCelery(Celery):
    @property
    def Worker(self) -> type:
        return self.subclass_with_self(QuietWhenJsonWorker)

    @property
    def Beat(self) -> type:
        return self.subclass_with_self(QuietWhenJsonBeat)


app = OrbitCelery("orbitcms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# wagtail-localize's job backend and its task live in the project package.
app.autodiscover_tasks(["orbitcms"], related_name="localize_jobs")


@signals.setup_logging.connect
def logging_from_django_settings(**kwargs: Any) -> None:
    """Worker and beat log through Django's LOGGING (plain or JSON) instead of
    Celery's own root-logger set-up; a receiver here makes Celery skip its own."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
