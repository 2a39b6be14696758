"""Site search: live pages and handbook files in the visitor's language."""

import re
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.documents.models import Document
from wagtail.models import Locale, Page

from coalitions.handbook.selectors import handbook_documents

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 220
# Fields whose text makes a result's snippet, in order of preference.
SNIPPET_FIELDS = ("search_description", "lead", "intro", "body", "closing")


@dataclass
class SearchHit:
    page: Page
    snippet: SafeString


def search_query_clean(*, raw: str) -> str:
    """The query as the backends get it: printable, trimmed, bounded."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def search_terms(*, query: str) -> list[str]:
    return [term for term in re.findall(r"\w+", query.lower()) if len(term) > 1]


def search_pages(*, query: str, locale: Locale, page_number: Any) -> PaginatorPage:
    """One page of results, each with a highlighted snippet. A query without
    any word (only symbols) finds nothing rather than everything."""
    terms = search_terms(query=query)
    results = (
        Page.objects.live().public().filter(locale=locale).specific().search(" ".join(terms))
        if terms
        else Page.objects.none()
    )
    page = Paginator(results, RESULTS_PER_PAGE).get_page(page_number)
    page.object_list = [SearchHit(p, search_snippet(text=_page_text(p), terms=terms)) for p in page]
    return page


def search_documents(*, query: str, locale: Locale) -> list[Document]:
    """Handbook files of the visitor's language whose title matches."""
    terms = search_terms(query=query)
    if not terms:
        return []
    return list(handbook_documents(locale=locale).search(" ".join(terms)))


def search_snippet(*, text: str, terms: list[str]) -> SafeString:
    """A passage of `text` around the first match, escaped, matches in <mark>.

    Words are matched on their beginning (woningen highlights woning and
    woningaanbod), close to what the stemming search engines found."""
    text = " ".join(text.split())
    stems = [re.escape(term[: max(4, len(term) - 3)]) for term in terms]
    if not stems:
        return mark_safe(escape(text[:SNIPPET_LENGTH]))
    pattern = re.compile(r"\b(?:" + "|".join(stems) + r")\w*", re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - SNIPPET_LENGTH // 3)
    passage = text[start : start + SNIPPET_LENGTH]
    highlighted, position = [], 0
    for match in pattern.finditer(passage):
        highlighted += [escape(passage[position : match.start()]), "<mark>", escape(match[0])]
        highlighted.append("</mark>")
        position = match.end()
    highlighted.append(escape(passage[position:]))
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_LENGTH < len(text) else ""
    return mark_safe(prefix + "".join(str(part) for part in highlighted) + suffix)


def _page_text(page: Page) -> str:
    parts = []
    for name in SNIPPET_FIELDS:
        value = getattr(page, name, None)
        if value:
            parts.append(strip_tags(" ".join(_strings(getattr(value, "raw_data", value)))))
    return " ".join(parts)


def _strings(value: Any) -> list[str]:
    """Every string inside a field value (StreamField raw data included)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    if hasattr(value, "source"):  # RichText
        return [value.source]
    return []
