from django.http import Http404, HttpRequest, HttpResponse
from wagtail.documents.views.serve import serve

from .models import HandbookPage
from .selectors import handbook_file
from .services import handbook_download_count_increment


def handbook_download(request: HttpRequest, *, page: HandbookPage) -> HttpResponse:
    """The stable download address: counts, then serves the page's current file
    through Wagtail's document view (its privacy and content-type rules apply)."""
    document = handbook_file(page=page)
    if document is None:
        raise Http404
    handbook_download_count_increment(page=page)
    return serve(request, document.pk, document.filename)
