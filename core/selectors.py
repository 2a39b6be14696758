"""Reads every app may use."""

from wagtail.models import Locale

from core.models import PrivacyPage


def privacy_page_for(*, locale: Locale) -> PrivacyPage | None:
    """The privacy notice in `locale`, else the Dutch original."""
    notices = PrivacyPage.objects.live()
    return (
        notices.filter(locale=locale).first() or notices.filter(locale=Locale.get_default()).first()
    )
