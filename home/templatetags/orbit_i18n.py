"""The language switcher and hreflang links: the same page in every language."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per language: code, name, url and whether it is the active one.

    A page without a translation links to the page in Dutch, never to a 404.
    """
    request = context["request"]
    page = context.get("page")
    active = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(request.get_full_path(), code)
        if isinstance(page, Page):
            translation = (
                page.get_translations(inclusive=True)
                .filter(locale__language_code=code)
                .live()
                .first()
            )
            target = (
                translation
                or page.get_translations(inclusive=True)
                .filter(locale__language_code=settings.LANGUAGE_CODE)
                .first()
                or page
            )
            url = target.get_url(request=request)
        links.append({"code": code, "name": name, "url": url, "active": code == active})
    return links
