"""Registers the editor guide, under the admin's Help menu beside Wagtail's own
items, and the email texts editors may change (core.viewsets)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from core.admin_views import EditorGuideView
from core.viewsets import EmailTextViewSet


@hooks.register("register_admin_urls")
def register_editor_guide_url():
    return [path("guide/", EditorGuideView.as_view(), name="orbit_editor_guide")]


@hooks.register("register_help_menu_item")
def register_editor_guide_menu_item():
    # Before Wagtail's own items (order 1000 and up): ORBIT's guide comes first.
    return MenuItem(
        _("ORBIT editor guide"),
        reverse("orbit_editor_guide"),
        icon_name="help",
        order=100,
        name="orbit-editor-guide",
    )


register_snippet(EmailTextViewSet)
