from django.http import HttpRequest
from wagtail import hooks
from wagtail.admin.ui.components import Component

from ops.panels import PeriodicTasksPanel, TaskFailuresPanel


@hooks.register("construct_homepage_panels")
def add_operations_panels(request: HttpRequest, panels: list[Component]) -> None:
    if request.user.is_superuser:
        panels.extend([TaskFailuresPanel(), PeriodicTasksPanel()])
