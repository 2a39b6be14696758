from django.db.models import QuerySet
from wagtail.documents.models import Document
from wagtail.models import Locale

from .models import HandbookDownloadCount, HandbookPage, HandbookPdf


def handbook_download_count(*, page: HandbookPage) -> int:
    counter = HandbookDownloadCount.objects.filter(page_id=page.pk).first()
    return counter.downloads if counter else 0


def handbook_file(*, page: HandbookPage) -> Document | None:
    """The file the page offers: the uploaded one an editor chose, else the PDF
    generated from its chapters, else none yet."""
    if page.document_id:
        return page.document
    generated = HandbookPdf.objects.filter(page_id=page.pk).select_related("document").first()
    return generated.document if generated else None


def handbook_documents(*, locale: Locale) -> QuerySet[Document]:
    """The files the live handbook pages of a language offer, for the site search."""
    pages = HandbookPage.objects.live().filter(locale=locale)
    uploaded = pages.filter(document__isnull=False).values_list("document", flat=True)
    generated = HandbookPdf.objects.filter(
        page__in=pages.filter(document__isnull=True)
    ).values_list("document", flat=True)
    return Document.objects.filter(pk__in=[*uploaded, *generated])
