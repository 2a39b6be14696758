"""The parts of every page that are the same on all pages of one language:
the menu (the home page and its published sections) and the footer.

They are kept beside the cached pages, per site and language, and go with them
when a publish or a setting clears the page cache: an uncached page then
spends no query on them."""

from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from core.models import SiteSettings
from core.selectors import privacy_page_for
from ops.services import page_cache_fragment

register = template.Library()


def _chrome(request) -> dict | None:
    """The menu and the footer of the request's site in the active language:
    kept together, so that a page reads the cache once for both, and once per
    request. None without a request or a site."""
    if request is None:
        return None
    if not hasattr(request, "_orbit_chrome"):
        site = Site.find_for_request(request)
        request._orbit_chrome = site and page_cache_fragment(
            key=f"chrome:{site.pk}:{get_language()}",
            build=lambda: {"navigation": _menu(site, request), "footer": _footer(site, request)},
        )
    return request._orbit_chrome


@register.simple_tag(takes_context=True)
def site_navigation(context) -> dict:
    """The home page in the active language and its live, public sections that
    editors show in menus ("Show in menus" on the page's Promote tab). Error
    pages render without a site (or without a request): they get an empty
    menu rather than an error of their own."""
    chrome = _chrome(context.get("request"))
    if chrome is None:
        return {"home_url": None, "logo": None, "sections": []}
    menu = chrome["navigation"]
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    return {
        "home_url": menu["home_url"],
        "logo": menu["logo"],
        "sections": [
            {**section, "active": current_path.startswith(section["path"])}
            for section in menu["sections"]
        ],
    }


def _menu(site: Site, request) -> dict:
    home = site.root_page.localized
    sections = Page.objects.child_of(home).live().public().in_menu().specific()
    return {
        "home_url": home.get_url(request=request),
        "logo": _logo(site),
        "sections": [
            {
                # A section's short menu title; other pages shown in menus have none.
                "title": getattr(section, "menu_title", "") or section.title,
                "url": section.get_url(request=request),
                "path": section.path,
            }
            for section in sections
        ],
    }


def _logo(site: Site) -> dict | None:
    """The logo editors chose in the site settings, at twice the header's
    height for sharp screens; None for the built-in SVG."""
    image = SiteSettings.for_site(site).logo
    if image is None:
        return None
    rendition = image.get_rendition("height-96|format-webp")
    return {"url": rendition.url, "width": rendition.width // 2, "height": rendition.height // 2}


@register.simple_tag(takes_context=True)
def site_footer(context) -> dict:
    """ORBIT's contact details (site settings) and the privacy notice in the
    active language, else the Dutch one."""
    chrome = _chrome(context.get("request"))
    return chrome["footer"] if chrome else {}


def _footer(site: Site, request) -> dict:
    site_settings = SiteSettings.for_site(site)
    notice = privacy_page_for(locale=Locale.get_active())
    return {
        "contact_email": site_settings.contact_email,
        "dossier_url": site_settings.dossier_url,
        # The background dossier exists only in Dutch, the source language:
        # the French and English pages say so beside the link.
        "dossier_language": settings.LANGUAGE_CODE,
        "privacy": notice and {"title": notice.title, "url": notice.get_url(request=request)},
    }


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context) -> list[Page]:
    """The page's ancestors from the home page down, without the page itself.
    Walked up by `get_parent()`: Wagtail's routing leaves each page it passed
    through on its child, so a served page finds them without a query, where
    `get_ancestors()` costs one on every render."""
    page = context.get("page")
    trail = []
    parent = page.get_parent() if isinstance(page, Page) and page.depth > 2 else None
    while parent is not None:
        trail.append(parent)
        # The home page (depth 2) is the last: the root above it is not shown.
        parent = parent.get_parent() if parent.depth > 2 else None
    return trail[::-1]
