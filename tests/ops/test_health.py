import socket

import pytest
from django.conf import settings as django_settings

from ops.selectors import beat_task_names
from ops.services import periodic_task_run_record
from orbitcms.celery import app as celery_app

pytestmark = pytest.mark.django_db


@pytest.fixture
def beat_alive(db) -> None:
    """Each of beat's tasks ran just now."""
    for task_name in beat_task_names():
        periodic_task_run_record(task_name=task_name, state="SUCCESS")


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthy_when_database_broker_and_cache_answer_and_beat_runs(client, beat_alive):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "ok", "cache": "ok", "beat": "ok"},
    }
    assert "no-store" in response["Cache-Control"]


def test_degraded_not_down_when_the_broker_is_down(client, monkeypatch, beat_alive):
    """Pages and forms still work (the outbox keeps the mail): a load balancer
    must not take the node out."""
    monkeypatch.setattr(celery_app.conf, "broker_url", f"redis://127.0.0.1:{closed_port()}/0")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "broker": "error", "cache": "ok", "beat": "ok"},
    }


def test_degraded_not_down_when_a_cache_is_down(client, settings, beat_alive):
    settings.CACHES = {
        **django_settings.CACHES,
        "pages": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/3",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        },
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == "error"


def test_only_get_is_answered(client):
    assert client.post("/healthz").status_code == 405
