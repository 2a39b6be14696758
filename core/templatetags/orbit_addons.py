"""Sections that apps of a higher layer add to a page, without the page's own
app knowing them: an app registers a function `(request, page) -> str` under
the Wagtail hook PAGE_ADDONS_HOOK, and `{% page_addons page %}` in the page's
template renders what each returns (an empty string: nothing to add).

The recommendation page shows which municipalities adopted it this way, since
the commitments app sits above recommendations."""

from django import template
from django.utils.html import format_html_join
from wagtail import hooks
from wagtail.models import Page

PAGE_ADDONS_HOOK = "orbit_page_addons"

register = template.Library()


@register.simple_tag(takes_context=True)
def page_addons(context, page: Page) -> str:
    request = context.get("request")
    parts = (addon(request, page) for addon in hooks.get_hooks(PAGE_ADDONS_HOOK))
    # format_html_join escapes what an addon did not mark safe.
    return format_html_join("", "{}", ((part,) for part in parts if part))
