"""Share links and social-card metadata for the page being shown: plain links
to each network's own share address (no third-party script on the site) and
the Open Graph / Twitter card values, all with the page's absolute URL."""

from urllib.parse import quote, urlencode, urlsplit

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

register = template.Library()

# Each network's share address; {url} and {text} are filled in url-encoded.
SHARE_TARGETS = [
    ("email", _("Email"), "mailto:?{subject_and_body}"),
    ("whatsapp", "WhatsApp", "https://wa.me/?text={text_and_url}"),
    ("bluesky", "Bluesky", "https://bsky.app/intent/compose?text={text_and_url}"),
    ("x", "X", "https://x.com/intent/post?url={url}&text={text}"),
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("linkedin", "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
]

# Open Graph wants a territory with the language.
OG_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}


def _page_title(page: Page | None) -> str:
    if isinstance(page, Page):
        return page.seo_title or page.title
    return settings.WAGTAIL_SITE_NAME


def _absolute_url(context) -> str:
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page) and request is not None:
        return page.get_full_url(request=request) or request.build_absolute_uri()
    return request.build_absolute_uri() if request is not None else ""


def _on_site(request, path: str) -> str:
    """`path` as an absolute URL at the address the site is served at (its
    Wagtail Site, which SITE_URL sets), not at whatever host the request named;
    media on another host (a bucket, a CDN) already come absolute."""
    if urlsplit(path).scheme:
        return path
    # The site Wagtail matched for this request: found once per request.
    site = Site.find_for_request(request)
    return f"{site.root_url}{path}" if site else request.build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def share_links(context) -> list[dict]:
    """One link per network, carrying the page's absolute URL and title."""
    url = _absolute_url(context)
    if not url:
        return []
    title = _page_title(context.get("page"))
    values = {
        "url": quote(url, safe=""),
        "text": quote(title, safe=""),
        "text_and_url": quote(f"{title} {url}", safe=""),
        # mailto: wants %20 for spaces, not "+".
        "subject_and_body": urlencode({"subject": title, "body": url}, quote_via=quote),
    }
    return [
        {"network": network, "label": label, "href": pattern.format(**values)}
        for network, label, pattern in SHARE_TARGETS
    ]


@register.simple_tag(takes_context=True)
def social_card(context) -> dict:
    """The Open Graph values that are not plain page fields: the absolute URL,
    the locale and its alternates, and the image (the page's own image when it
    has one, else one drawn from its title)."""
    request = context.get("request")
    page = context.get("page")
    language = get_language() or settings.LANGUAGE_CODE
    card = {
        "url": _absolute_url(context),
        "title": _page_title(page),
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [
            OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != language
        ],
        "image": "",
        "image_alt": "",
    }
    if request is None or not isinstance(page, Page):
        return card
    image = getattr(page, "image", None)
    if image is not None:
        # get_renditions, unlike get_rendition, does not write a rendition
        # it found in the cache back to the cache: one round trip less.
        spec = "fill-1200x630|format-jpeg"
        rendition = image.get_renditions(spec)[spec]
        card["image"] = _on_site(request, rendition.url)
        card["image_alt"] = image.default_alt_text
    elif page.pk:
        from core.og_images import og_image_version

        path = reverse("og_image", kwargs={"page_id": page.pk})
        card["image"] = _on_site(request, f"{path}?v={og_image_version(page)}")
        card["image_alt"] = card["title"]
    return card
