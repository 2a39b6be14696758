import logging
import time
from datetime import timedelta

import pytest
from celery import shared_task
from django.utils import timezone
from wagtail.users.models import UserProfile

from ops.models import TaskFailure
from ops.services import task_failure_record


@shared_task
def always_fails(reason: str) -> None:
    raise RuntimeError(reason)


def wait_for(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


@pytest.mark.integration
def test_a_failing_task_is_logged_and_recorded_for_the_dashboard(celery_worker, caplog):
    caplog.set_level(logging.ERROR, logger="ops.tasks")
    result = always_fails.delay("the SMTP server said no")
    wait_for(lambda: TaskFailure.objects.filter(task_id=result.id).exists())
    failure = TaskFailure.objects.get(task_id=result.id)
    assert failure.task_name == always_fails.name
    assert "the SMTP server said no" in failure.exception
    assert "RuntimeError" in failure.traceback
    logged = [r for r in caplog.records if r.name == "ops.tasks"]
    assert logged and logged[0].task_id == result.id


@pytest.mark.django_db
def test_the_dashboard_shows_recent_failures_to_administrators(admin_client):
    task_failure_record(
        task_name="coalitions.tasks.send", task_id="abc", exception="SMTPError()", traceback=""
    )
    response = admin_client.get("/admin/")
    assert "coalitions.tasks.send" in response.text
    assert "SMTPError()" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, heading",
    [
        ("nl", "Mislukte achtergrondtaken"),
        ("fr", "Échecs des tâches de fond"),
        ("en", "Background task failures"),
    ],
)
def test_the_dashboard_panel_speaks_the_editors_language(
    admin_client, admin_user, language, heading
):
    UserProfile.objects.update_or_create(user=admin_user, defaults={"preferred_language": language})
    assert heading in admin_client.get("/admin/").text


@pytest.mark.django_db
def test_failures_older_than_the_retention_are_dropped(settings):
    old = task_failure_record(task_name="old", task_id="1", exception="E", traceback="")
    TaskFailure.objects.filter(pk=old.pk).update(
        failed_at=timezone.now() - timedelta(days=settings.TASK_FAILURE_RETENTION_DAYS + 1)
    )
    task_failure_record(task_name="new", task_id="2", exception="E", traceback="")
    assert list(TaskFailure.objects.values_list("task_name", flat=True)) == ["new"]
