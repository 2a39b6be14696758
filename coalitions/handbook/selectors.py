from wagtail.documents.models import Document

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
