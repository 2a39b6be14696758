"""Registers the coaching desk with the admin; the views live in
coalitions.viewsets, coalitions.admin_views and coalitions.reports, the
wording of its audit-log entries in coalitions.log_actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from coalitions.actions import CoalitionEditAction
from coalitions.admin_views import DECISION_LOG_ACTION, PROMOTION_LOG_ACTION
from coalitions.log_actions import DecisionLogFormatter, PromotionLogFormatter
from coalitions.models import CoachingApplication, Coalition, OutboxEmail
from coalitions.reports import StatisticsView
from coalitions.viewsets import (
    CoachingDashboardPanel,
    CoachingViewSetGroup,
    ServiceOnlyPermissionPolicy,
    coaching_dashboard_panel_visible,
)

# Deleting an application must give its slot to the waitlist: only the
# personal-data erasure does it, through the service.
register_permission_policy(
    CoachingApplication,
    ServiceOnlyPermissionPolicy(CoachingApplication, denied_actions={"add", "delete"}),
)
register_permission_policy(
    Coalition, ServiceOnlyPermissionPolicy(Coalition, denied_actions={"add"})
)
register_permission_policy(
    OutboxEmail, ServiceOnlyPermissionPolicy(OutboxEmail, denied_actions={"add", "change"})
)


@hooks.register("register_actions")
def register_coalition_actions(registry) -> None:
    registry.register(Coalition, CoalitionEditAction)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CoachingViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_coaching_panel(request, panels):
    if coaching_dashboard_panel_visible(request.user):
        panels.append(CoachingDashboardPanel())


@hooks.register("register_log_actions")
def register_decision_log_actions(actions):
    actions.register_action(DECISION_LOG_ACTION)(DecisionLogFormatter)
    actions.register_action(PROMOTION_LOG_ACTION)(PromotionLogFormatter)


@hooks.register("register_admin_urls")
def register_statistics_url():
    return [path("reports/statistics/", StatisticsView.as_view(), name="orbit_statistics")]


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return MenuItem(_("Statistics"), reverse("orbit_statistics"), icon_name="table", order=50)
