"""The language switcher, hreflang alternates and canonical link: the same page
in every language, with Dutch (the source) as the fallback."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per language: code, name, url, whether it is active and whether
    the page exists in it. A page without a translation links to the page in
    Dutch with `?untranslated=<code>` (the page then shows a notice), never to
    a 404. One query for all languages."""
    request = context["request"]
    page = context.get("page")
    active = get_language()
    translations = {}
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    links = []
    for code, name in settings.LANGUAGES:
        translated = code in translations or not isinstance(page, Page)
        if not isinstance(page, Page):
            url = translate_url(request.get_full_path(), code)
        elif code in translations:
            url = translations[code].get_url(request=request)
        else:
            fallback = translations.get(settings.LANGUAGE_CODE, page)
            url = f"{fallback.get_url(request=request)}?untranslated={code}"
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "active": code == active,
                "translated": translated,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def untranslated_language(context) -> str:
    """The language the visitor asked for and that this page does not exist in
    (set by the switcher's fallback link), for the notice; else empty."""
    request = context["request"]
    code = request.GET.get("untranslated", "")
    return dict(settings.LANGUAGES).get(code, "") if code != get_language() else ""


@register.simple_tag(takes_context=True)
def meta_description(context) -> str:
    """The page's search description, else its lead or introduction as plain text."""
    from django.utils.html import strip_tags
    from django.utils.text import Truncator

    page = context.get("page")
    if not isinstance(page, Page):
        return ""
    for field in ("search_description", "lead", "intro"):
        value = getattr(page, field, "")
        if value:
            return Truncator(" ".join(strip_tags(str(value)).split())).chars(200)
    return ""
