"""The editor guide in the admin: how to do the daily work, in the editor's
admin language, with the screenshots the end-to-end tests take; the adding
of an email text, in a language from the start."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail.snippets.views.snippets import CreateView, PreviewOnCreateView

from core.models import EmailText

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


def email_text_new_locale(request: HttpRequest) -> Locale:
    """The language of an email text being added: the one picked above the
    form (?locale=), else the admin user's own language, else the default."""
    if code := request.GET.get("locale"):
        return get_object_or_404(Locale, language_code=code)
    return Locale.get_active()


class EmailTextCreateView(CreateView):
    """Adds the text in the language picked above the form or, until one is
    picked, in the admin user's; the preview follows the same language (its
    address carries it), so it shows that language's standard text."""

    def get_locale(self) -> Locale | None:
        return email_text_new_locale(self.request) if self.i18n_enabled else None

    def get_preview_url(self) -> str | None:
        url = super().get_preview_url()
        if url and self.locale:
            return f"{url}?{urlencode({'locale': self.locale.language_code})}"
        return url


class EmailTextPreviewOnCreateView(PreviewOnCreateView):
    def get_object(self) -> EmailText:
        return EmailText(locale=email_text_new_locale(self.request))
