"""Reads of the operations app."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from ops.models import PeriodicTaskRun, TaskFailure


def task_failures_recent(*, limit: int = 10) -> QuerySet[TaskFailure]:
    return TaskFailure.objects.all()[:limit]


def beat_task_names() -> set[str]:
    return {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}


@dataclass(frozen=True)
class PeriodicTaskStatus:
    task_name: str
    period: timedelta
    last_run_at: datetime | None
    last_state: str
    overdue: bool


def _period(schedule: object) -> timedelta:
    """A beat entry's period: seconds, a timedelta or celery.schedules.schedule
    (a crontab has no fixed period and is not supported here)."""
    if isinstance(schedule, timedelta):
        return schedule
    if isinstance(schedule, int | float):
        return timedelta(seconds=schedule)
    return schedule.run_every


def periodic_task_statuses() -> list[PeriodicTaskStatus]:
    """Each task of CELERY_BEAT_SCHEDULE with its last run; overdue when it has not
    run within its period plus BEAT_SILENCE_SECONDS. A task that never ran counts
    from the first run of any periodic task (beat's first sign of life: a daily
    task is not overdue on a site started an hour ago), and is overdue at once
    when no periodic task ever ran (beat was never started)."""
    runs = {run.task_name: run for run in PeriodicTaskRun.objects.all()}
    beat_alive_since = min((run.first_run_at for run in runs.values()), default=None)
    now = timezone.now()
    silence = timedelta(seconds=settings.BEAT_SILENCE_SECONDS)
    statuses = []
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        period = _period(entry["schedule"])
        run = runs.get(entry["task"])
        since = run.last_run_at if run else beat_alive_since
        statuses.append(
            PeriodicTaskStatus(
                task_name=entry["task"],
                period=period,
                last_run_at=run.last_run_at if run else None,
                last_state=run.last_state if run else "",
                overdue=since is None or now - since > period + silence,
            )
        )
    return sorted(statuses, key=lambda status: status.task_name)
