"""The municipalities in the admin: read only, they come from Statbel's data.
The commitments app puts this viewset in its menu group."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Municipality


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    menu_label = _("Municipalities")
    list_display = ["name_nl", "name_fr", "nis_code", "province", "region", "is_current"]
    list_filter = ["region", "province", "is_current"]
    search_fields = ["name_nl", "name_fr", "nis_code"]
    search_backend_name = None
    inspect_view_enabled = True
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[Municipality]:
        return Municipality.objects.select_related("province", "region")
