"""Reads of the operations app."""

from django.db.models import QuerySet

from ops.models import TaskFailure


def task_failures_recent(*, limit: int = 10) -> QuerySet[TaskFailure]:
    return TaskFailure.objects.all()[:limit]
