from django.http import Http404, HttpRequest, HttpResponse
from wagtail.documents.views.serve import serve

from .models import RecommendationIndexPage
from .selectors import recommendations_pdf


def recommendations_pdf_download(
    request: HttpRequest, *, index: RecommendationIndexPage
) -> HttpResponse:
    """The stable download address: serves the language's current PDF through
    Wagtail's document view (its privacy and content-type rules apply)."""
    document = recommendations_pdf(index=index)
    if document is None:
        raise Http404
    return serve(request, document.pk, document.filename)
