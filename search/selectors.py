"""Site search: live pages and handbook files in the visitor's language."""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.documents.models import Document
from wagtail.models import Locale, Page
from wagtail.search.query import And, Or, PlainText, SearchQuery

from coalitions.handbook.selectors import handbook_documents
from core.text_analysis import WORD, WordAnalysis, text_words, word_analyse

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


def search_query_analyse(*, query: str, language: str) -> list[WordAnalysis]:
    """The query's words as the index holds them (core/text_analysis.py)."""
    return [word_analyse(word=word, language=language) for word in text_words(text=query)]


def search_query_build(*, words: list[WordAnalysis]) -> SearchQuery:
    """Every word must match, by one of its terms or by all its compound parts
    together ("migratiedienst" finds "dienst voor migratie")."""
    return And([Or(_word_alternatives(word)) for word in words])


def search_pages(*, query: str, locale: Locale, page_number: Any) -> PaginatorPage:
    """One page of results, each with a highlighted snippet. A query without
    any word (only symbols) finds nothing rather than everything."""
    words = search_query_analyse(query=query, language=locale.language_code)
    results = (
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .specific()
        .search(search_query_build(words=words))
        if words
        else Page.objects.none()
    )
    page = Paginator(results, RESULTS_PER_PAGE).get_page(page_number)
    page.object_list = [
        SearchHit(p, search_snippet(text=_page_text(p), words=words, language=locale.language_code))
        for p in page
    ]
    return page


def search_documents(*, query: str, locale: Locale) -> list[Document]:
    """Handbook files of the visitor's language whose title matches. Document
    titles are not analysed: a word matches as it is written."""
    words = search_query_analyse(query=query, language=locale.language_code)
    if not words:
        return []
    return list(handbook_documents(locale=locale).search(search_query_build(words=words)))


def search_snippet(*, text: str, words: list[WordAnalysis], language: str) -> SafeString:
    """A passage of `text` around the first match, escaped, matches in <mark>.

    A word is highlighted when it answers a query word the way the index does
    (woningen highlights woning and starterswoningen)."""
    text = " ".join(text.split())

    def is_match(found: str) -> bool:
        indexed = word_analyse(word=found.lower(), language=language).indexed
        return any(word.matches(indexed) for word in words)

    matches = [m for m in WORD.finditer(text) if is_match(m[0])]
    start = max(0, (matches[0].start() if matches else 0) - SNIPPET_LENGTH // 3)
    end = start + SNIPPET_LENGTH
    highlighted, position = [], start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        highlighted += [escape(text[position : match.start()]), "<mark>", escape(match[0])]
        highlighted.append("</mark>")
        position = match.end()
    highlighted.append(escape(text[position:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(str(part) for part in highlighted) + suffix)


def _word_alternatives(word: WordAnalysis) -> list[SearchQuery]:
    alternatives: list[SearchQuery] = [PlainText(term) for term in sorted(word.terms)]
    if word.parts:
        alternatives.append(And([PlainText(part) for part in word.parts]))
    return alternatives


def _page_text(page: Page) -> str:
    parts = []
    for name in SNIPPET_FIELDS:
        value = getattr(page, name, None)
        if value:
            # Each field's text as the index gets it: a StreamField's or a
            # rich text's words without their markup or block ids.
            field = page._meta.get_field(name)
            content = getattr(field, "get_searchable_content", lambda v: [str(v)])(value)
            parts.append(strip_tags(" ".join(content)))
    return " ".join(parts)
