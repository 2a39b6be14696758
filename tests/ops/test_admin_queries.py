"""The operations panels on the admin dashboard (failed tasks, periodic
tasks) make as many queries with 12 rows as with 3."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ops.models import PeriodicTaskRun, TaskFailure
from tests.admin_queries import listing_queries

pytestmark = pytest.mark.django_db

FAILURE_ROWS = "section[aria-labelledby=task-failures-heading] tbody tr"
PERIODIC_ROWS = "section[aria-labelledby=periodic-tasks-heading] tbody tr"


def _failures(numbers: range) -> None:
    for n in numbers:
        TaskFailure.objects.create(task_name=f"tasks.t{n}", task_id=f"id-{n}", exception="boom")


def test_the_dashboard_makes_no_query_per_failed_task(admin_client, campaign):
    """The failures panel shows the latest ten."""
    url = reverse("wagtailadmin_home")
    _failures(range(3))
    at_3 = listing_queries(admin_client, url, rows=3, row_selector=FAILURE_ROWS)
    _failures(range(3, 12))
    at_12 = listing_queries(admin_client, url, rows=10, row_selector=FAILURE_ROWS)
    assert at_12 == at_3, f"{at_3} queries with 3 failures, {at_12} with 12"


def test_the_dashboard_makes_no_query_per_periodic_task_run(admin_client, campaign, settings):
    """One row per task of the beat schedule, whether it ran or not."""
    url = reverse("wagtailadmin_home")
    settings.CELERY_BEAT_SCHEDULE = {
        f"task {n}": {"task": f"tasks.periodic{n}", "schedule": 60} for n in range(12)
    }
    PeriodicTaskRun.objects.create(
        task_name="tasks.periodic0", last_run_at=timezone.now(), last_state="SUCCESS"
    )
    at_1 = listing_queries(admin_client, url, rows=12, row_selector=PERIODIC_ROWS)
    for n in range(1, 12):
        PeriodicTaskRun.objects.create(
            task_name=f"tasks.periodic{n}", last_run_at=timezone.now(), last_state="SUCCESS"
        )
    at_12 = listing_queries(admin_client, url, rows=12, row_selector=PERIODIC_ROWS)
    assert at_12 == at_1, f"{at_1} queries with 1 run, {at_12} with 12"
