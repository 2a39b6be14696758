from celery import shared_task


@shared_task(ignore_result=False)
def ping() -> str:
    """Answers through the broker: used by the health check and the worker tests."""
    return "pong"
