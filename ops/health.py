"""/healthz: whether this process reaches its database, broker and caches.

For load balancers and container health checks: 200 when every check passes,
503 otherwise, with a JSON body naming what failed. The reasons go to the log,
not to the response, which anyone may read."""

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


CHECKS: dict[str, Callable[[], None]] = {
    "database": database_check,
    "broker": broker_check,
    "cache": cache_check,
}


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
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results},
        status=200 if healthy else 503,
    )
