"""The translation status report and its dashboard panel."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component

from core.admin_views import AdminScreenMixin
from home.selectors import page_translation_statuses


class TranslationStatusView(AdminScreenMixin, TemplateView):
    """Pages x languages, each cell linking to where the work is done."""

    template_name = "home/admin/translation_status.html"
    page_title = _("Translations")
    header_icon = "globe"

    def get_context_data(self, **kwargs):
        rows = page_translation_statuses()
        return super().get_context_data(
            rows=rows,
            locales=[cell.locale for cell in rows[0].cells] if rows else [],
            **kwargs,
        )


class TranslationDashboardPanel(Component):
    name = "translation_status"
    order = 60
    template_name = "home/admin/translation_panel.html"

    def get_context_data(self, parent_context=None):
        return {
            "needing_work": sum(row.needs_work for row in page_translation_statuses()),
            "report_url": reverse("orbit_translation_status"),
        }
