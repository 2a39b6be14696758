"""The site's navigation: the home page and its published sections in the active language."""

from django import template
from wagtail.models import Locale, Page, Site

from core.selectors import privacy_page_for

register = template.Library()


@register.simple_tag(takes_context=True)
def site_navigation(context) -> dict:
    """The home page in the active language and its live, public sections that
    editors show in menus ("Show in menus" on the page's Promote tab).

    Error pages render without a site (or without a request): they get an empty
    menu rather than an error of their own.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"home": None, "sections": []}
    home = site.root_page.localized
    sections = Page.objects.child_of(home).live().public().in_menu().specific()
    current = context.get("page")
    return {
        "home": home,
        "sections": [
            {"page": section, "active": _is_within(current, section)} for section in sections
        ],
    }


def _is_within(current: Page | None, section: Page) -> bool:
    return isinstance(current, Page) and current.path.startswith(section.path)


@register.simple_tag
def privacy_notice() -> Page | None:
    """The privacy notice in the active language, for the footer of every page."""
    return privacy_page_for(locale=Locale.get_active())
