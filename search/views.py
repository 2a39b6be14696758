from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Locale

from .selectors import search_documents, search_pages, search_query_clean


def search(request: HttpRequest) -> HttpResponse:
    query = search_query_clean(raw=request.GET.get("q", ""))
    locale = Locale.get_active()
    context = {"query": query, "results": None, "documents": []}
    if query:
        context["results"] = search_pages(
            query=query, locale=locale, page_number=request.GET.get("page")
        )
        context["documents"] = search_documents(query=query, locale=locale)
    return TemplateResponse(request, "search/search.html", context)
