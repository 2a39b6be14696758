"""The Wagtail admin speaks Dutch to ORBIT's staff unless a user chose French or
English in their account.

Django's LocaleMiddleware follows the browser's Accept-Language, which is right
for the public site's unprefixed addresses but made the admin speak English to
every editor whose browser is set to English. Wagtail applies a user's chosen
language itself (UserProfile.preferred_language, around each admin view) and
otherwise keeps the active language, so it is enough to make that Dutch here.
"""

from collections.abc import Callable
from functools import cached_property

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils import translation


class AdminLanguageMiddleware:
    """After LocaleMiddleware: on admin addresses, the site's default language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info.startswith(self.admin_prefix):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
