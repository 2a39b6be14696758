"""Admin screens of core: the email texts editors may change (under Settings)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_views import EmailTextCreateView, EmailTextPreviewOnCreateView
from core.models import EmailText


class EmailTextViewSet(SnippetViewSet):
    model = EmailText
    add_view_class = EmailTextCreateView
    preview_on_add_view_class = EmailTextPreviewOnCreateView
    icon = "mail"
    menu_label = _("Email texts")
    add_to_settings_menu = True
    list_display = ["__str__", "subject", "locale"]
    list_filter = ["kind", "locale"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[EmailText]:
        # What each row shows: the text's language, else one query per row.
        return EmailText.objects.select_related("locale")
