"""Reads every app may use."""

from wagtail.models import Locale

from core.models import EmailText, PrivacyPage


def privacy_page_for(*, locale: Locale) -> PrivacyPage | None:
    """The privacy notice in `locale`, else the Dutch original."""
    notices = PrivacyPage.objects.live()
    return (
        notices.filter(locale=locale).first() or notices.filter(locale=Locale.get_default()).first()
    )


def email_text_edited(*, kind: str, language: str) -> EmailText | None:
    """The editors' wording of email `kind` in `language`, if they wrote one."""
    text = EmailText.objects.filter(kind=kind, locale__language_code=language).first()
    return text if text and (text.subject or text.body) else None
