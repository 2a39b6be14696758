"""The editor guide, under the admin's Help menu beside Wagtail's own items, and
the email texts editors may change (under Settings)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_views import EditorGuideView, EmailTextCreateView, EmailTextPreviewOnCreateView
from core.models import EmailText


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


class EmailTextViewSet(SnippetViewSet):
    model = EmailText
    add_view_class = EmailTextCreateView
    preview_on_add_view_class = EmailTextPreviewOnCreateView
    icon = "mail"
    menu_label = _("Email texts")
    add_to_settings_menu = True
    list_display = ["__str__", "subject", "locale"]
    list_filter = ["kind", "locale"]


register_snippet(EmailTextViewSet)
