from typing import Any

from django.http import HttpRequest
from wagtail import hooks
from wagtail.admin.ui.components import Component

from ops.selectors import task_failures_recent


class TaskFailuresPanel(Component):
    name = "task_failures"
    order = 500
    template_name = "ops/task_failure_panel.html"

    def get_context_data(self, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        return {"failures": task_failures_recent()}


@hooks.register("construct_homepage_panels")
def add_task_failures_panel(request: HttpRequest, panels: list[Component]) -> None:
    if request.user.is_superuser:
        panels.append(TaskFailuresPanel())
