from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom layer every app may use: site settings, the privacy notice,
    the section-page base, shared template tags. It imports no other app."""

    name = "core"
    verbose_name = _("Site")
