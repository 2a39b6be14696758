"""Beat's periodic tasks leave a record when a worker runs them; a silence
longer than their period plus BEAT_SILENCE_SECONDS shows on /healthz and on the
admin dashboard."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalitions.tasks import anonymise_expired_personal_data, sweep_unsent_outbox
from ops.models import PeriodicTaskRun
from tests.coalitions.conftest import live_campaign  # noqa: F401
from tests.waiting import wait_for

SWEEP = sweep_unsent_outbox.name
RETENTION = anonymise_expired_personal_data.name


@pytest.mark.integration
def test_a_silent_beat_turns_healthz_degraded_and_shows_on_the_dashboard(
    live_campaign,  # noqa: F811  (the dashboard lists pages)
    celery_worker,
    client,
    admin_client,
    settings,
):
    assert client.get("/healthz").json()["checks"]["beat"] == "error"  # beat never ran

    for task in (sweep_unsent_outbox, anonymise_expired_personal_data):
        task.delay()
    wait_for(lambda: PeriodicTaskRun.objects.count() == 2, what="both runs recorded")
    assert set(PeriodicTaskRun.objects.values_list("task_name", "last_state")) == {
        (SWEEP, "SUCCESS"),
        (RETENTION, "SUCCESS"),
    }
    response = client.get("/healthz")
    assert (response.status_code, response.json()["status"]) == (200, "ok")

    # The sweep runs every minute: silent for its period plus the allowed silence.
    PeriodicTaskRun.objects.filter(task_name=SWEEP).update(
        last_run_at=timezone.now() - timedelta(seconds=60 + settings.BEAT_SILENCE_SECONDS + 1)
    )
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "broker": "ok", "cache": "ok", "beat": "error"},
    }
    # The admin speaks Dutch to ORBIT's staff, whatever the browser asks.
    dashboard = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "Periodieke taken" in dashboard
    assert dashboard.count("Te laat: draait Celery beat nog?") == 1
    assert SWEEP in dashboard and RETENTION in dashboard


@pytest.mark.django_db
def test_a_daily_task_is_not_overdue_on_a_site_started_recently(client):
    """Beat runs a daily task a day after it starts: until then only the sweep
    says whether beat lives."""
    PeriodicTaskRun.objects.create(
        task_name=SWEEP, last_run_at=timezone.now(), last_state="SUCCESS"
    )
    assert client.get("/healthz").json()["checks"]["beat"] == "ok"
