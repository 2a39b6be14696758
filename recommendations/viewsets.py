"""The admin screens of the recommendations app; wagtail_hooks registers them."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    add_to_admin_menu = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Theme]:
        return Theme.objects.select_related("locale")
