"""The editor guide in the admin: how to do the daily work, in the editor's
admin language, with the screenshots the end-to-end tests take."""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


class AdminScreenMixin(WagtailAdminTemplateMixin):
    """A screen of our own in the admin, its header naming it: Wagtail's slim
    header shows the last breadcrumb as the screen's title, and the mixin's
    breadcrumbs end at "Home" (the header said "Home" on every such screen)."""

    def get_breadcrumbs_items(self) -> list[dict]:
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]


class EditorGuideView(AdminScreenMixin, TemplateView):
    """One template per language: a guide is prose, written whole in each
    language, not a sequence of strings for the catalogue."""

    page_title = _("Editor guide")
    header_icon = "help"

    def get_template_names(self) -> list[str]:
        language = (get_language() or "").split("-")[0]
        if language not in GUIDE_LANGUAGES:
            language = settings.LANGUAGE_CODE.split("-")[0]
        return [f"core/admin/guide/{language}.html"]
