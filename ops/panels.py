"""Admin dashboard panels of the operations app (registered in wagtail_hooks)."""

from typing import Any

from wagtail.admin.ui.components import Component

from ops.selectors import periodic_task_statuses, task_failures_recent


class TaskFailuresPanel(Component):
    name = "task_failures"
    order = 500
    template_name = "ops/task_failure_panel.html"

    def get_context_data(self, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        return {"failures": task_failures_recent()}


class PeriodicTasksPanel(Component):
    name = "periodic_tasks"
    order = 510
    template_name = "ops/periodic_tasks_panel.html"

    def get_context_data(self, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        return {"statuses": periodic_task_statuses()}
