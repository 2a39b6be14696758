from django.conf import settings

from home.tasks import ping


def test_task_runs_on_a_real_worker_through_the_broker(celery_worker):
    result = ping.delay()
    assert result.get(timeout=30) == "pong"
    broker = "redis" if settings.REDIS_URL else "filesystem"
    assert settings.CELERY_BROKER_URL.startswith(broker)
