"""/healthz: whether this process reaches its database, broker and caches, and
whether beat's periodic tasks still run.

For load balancers and container health checks. Only the database is vital:
without it nothing works, so the answer is 503 "down" and the node should be
taken out. A broker, cache or beat failure leaves pages and forms working
(README: "When a dependency is down"): 200 "degraded", naming the failed check,
so a load balancer does not pull every node for one shared Redis blip. The
reasons go to the log, not to the response, which anyone may read."""

import logging
import uuid
from collections.abc import Callable

from celery import current_app as celery_app
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ops.selectors import periodic_task_statuses

logger = logging.getLogger("ops.health")


def database_check() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def broker_check() -> None:
    # One attempt, bounded by Celery's broker_connection_timeout: a health check
    # reports the state now instead of waiting for the broker to come back.
    with celery_app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=0)


def cache_check() -> None:
    for alias in settings.CACHES:
        token = uuid.uuid4().hex
        caches[alias].set("healthz", token, 10)
        if caches[alias].get("healthz") != token:
            raise RuntimeError(f"cache {alias!r} did not return what was stored")


def beat_check() -> None:
    if overdue := [status.task_name for status in periodic_task_statuses() if status.overdue]:
        raise RuntimeError(f"periodic tasks silent beyond BEAT_SILENCE_SECONDS: {overdue}")


CHECKS: dict[str, Callable[[], None]] = {
    "database": database_check,
    "broker": broker_check,
    "cache": cache_check,
    "beat": beat_check,
}
VITAL_CHECKS = {"database"}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check %s failed", name)
            results[name] = "error"
        else:
            results[name] = "ok"
    failed = {name for name, result in results.items() if result != "ok"}
    status = "down" if failed & VITAL_CHECKS else "degraded" if failed else "ok"
    return JsonResponse(
        {"status": status, "checks": results}, status=503 if status == "down" else 200
    )
