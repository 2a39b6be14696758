from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskFailure(models.Model):
    """A Celery task that raised: kept so editors see failures on the admin
    dashboard, not only operators in the logs."""

    task_name = models.CharField(_("task"), max_length=255)
    task_id = models.CharField(_("task id"), max_length=255)
    exception = models.TextField(_("exception"))
    traceback = models.TextField(_("traceback"), blank=True)
    failed_at = models.DateTimeField(_("failed at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-failed_at"]
        verbose_name = _("task failure")
        verbose_name_plural = _("task failures")

    def __str__(self) -> str:
        return f"{self.task_name} [{self.task_id}]"


class PeriodicTaskRun(models.Model):
    """When a task of CELERY_BEAT_SCHEDULE last ran, one row per task: a beat
    that died shows as silence here, on the dashboard and in /healthz."""

    task_name = models.CharField(_("task"), max_length=255, unique=True)
    first_run_at = models.DateTimeField(_("first run"), auto_now_add=True)
    last_run_at = models.DateTimeField(_("last run"))
    last_state = models.CharField(_("outcome"), max_length=20)

    class Meta:
        ordering = ["task_name"]
        verbose_name = _("periodic task run")
        verbose_name_plural = _("periodic task runs")

    def __str__(self) -> str:
        return f"{self.task_name} @ {self.last_run_at:%Y-%m-%d %H:%M:%S}"
