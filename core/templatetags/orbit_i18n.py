"""The language switcher, hreflang alternates and canonical link: the same page
in every language, with Dutch (the source) as the fallback."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from ops.services import page_cache_fragment

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per language: code, name, url, whether it is active and whether
    the page exists in it. A page without a translation links to the page in
    Dutch with `?untranslated=<code>` (the page then shows a notice), never to
    a 404. One query for all languages."""
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page):
        return _language_links(context, request, page)
    # Kept with the page's cached copies, which show the same links.
    return page_cache_fragment(
        key=f"language-links:{page.pk}",
        build=lambda: _language_links(context, request, page),
        request=request,
    )


def _language_links(context, request, page) -> list[dict]:
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
            full_url = request.build_absolute_uri(url)
        elif code in translations:
            # A routable page's sub-page (a municipality under the overview)
            # names its path in each language in `subpage_paths`.
            subpage = context.get("subpage_paths", {}).get(code, "")
            url = translations[code].get_url(request=request) + subpage
            full_url = translations[code].get_full_url(request=request) + subpage
        else:
            fallback = translations.get(settings.LANGUAGE_CODE, page)
            url = f"{fallback.get_url(request=request)}?untranslated={code}"
            full_url = ""
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "full_url": full_url,
                "active": code == active,
                "translated": translated,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def untranslated_notice(context) -> str:
    """The notice for a visitor whom the switcher sent to the Dutch page because
    the page does not exist in the language they chose; else empty."""
    code = context["request"].GET.get("untranslated", "")
    language = dict(settings.LANGUAGES).get(code)
    if language is None or code == get_language():
        return ""
    return _("This page is not available in %(language)s yet; here it is in Dutch.") % {
        "language": language
    }


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
