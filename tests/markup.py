"""Reading rendered markup the way a browser does, so assertions name the
element they mean instead of the exact string a template happens to print."""

from xml.etree import ElementTree

from bs4 import BeautifulSoup, Tag
from django.http import HttpResponse

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def soup(page: HttpResponse | bytes | str) -> BeautifulSoup:
    """The parsed document of a response, or of HTML already in hand."""
    content = page.content if isinstance(page, HttpResponse) else page
    return BeautifulSoup(content, "html.parser")


def text_of(element: Tag | HttpResponse | bytes | str) -> str:
    """The text a reader sees in an element (or a whole page): tags dropped,
    entities decoded, scripts left out, whitespace collapsed."""
    tag = element if isinstance(element, Tag) else soup(element)
    return " ".join(tag.get_text(" ").split())


def sitemap_locations(page: HttpResponse | bytes | str) -> list[str]:
    """The addresses a sitemap lists, in its order (parsed as XML, namespaces and all)."""
    content = page.content if isinstance(page, HttpResponse) else page
    return [loc.text for loc in ElementTree.fromstring(content).iter(f"{SITEMAP}loc")]
