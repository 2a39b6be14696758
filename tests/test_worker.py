from django.conf import settings

from coalitions.tasks import sweep_unsent_outbox


def test_task_runs_on_a_real_worker_through_the_broker(celery_worker):
    result = sweep_unsent_outbox.delay()
    # Nothing is waiting in the outbox, so the sweep re-enqueues nothing.
    assert result.get(timeout=30) == 0
    broker = "redis" if settings.REDIS_URL else "filesystem"
    assert settings.CELERY_BROKER_URL.startswith(broker)
