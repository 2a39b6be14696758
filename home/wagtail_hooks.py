"""Registers the translation status report and its dashboard panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.admin_views import TranslationDashboardPanel, TranslationStatusView


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path(
            "reports/translations/",
            TranslationStatusView.as_view(),
            name="orbit_translation_status",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        _("Translations"), reverse("orbit_translation_status"), icon_name="globe", order=60
    )


@hooks.register("construct_homepage_panels")
def add_translation_panel(request, panels):
    panels.append(TranslationDashboardPanel())
