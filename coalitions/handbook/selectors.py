from .models import HandbookDownloadCount, HandbookPage


def handbook_download_count(*, page: HandbookPage) -> int:
    counter = HandbookDownloadCount.objects.filter(page_id=page.pk).first()
    return counter.downloads if counter else 0
