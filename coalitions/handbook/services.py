from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import pgettext
from wagtail.documents.models import Document

from core.models import SiteSettings
from core.services import generated_document_missing, generated_pdf_record_store

from .models import HandbookDownloadCount, HandbookDownloadMonth, HandbookPage, HandbookPdf


def handbook_download_count_increment(*, page: HandbookPage) -> None:
    """Add one download to the page's total and to this month's count."""
    month = timezone.localdate().replace(day=1)
    _counter_increment(HandbookDownloadCount, page_id=page.pk)
    _counter_increment(HandbookDownloadMonth, page_id=page.pk, month=month)


def _counter_increment(model: type[models.Model], **key) -> None:
    """Add one in the database itself (UPDATE ... SET downloads = downloads + 1),
    so concurrent downloads never lose a count."""
    counter = model.objects.filter(**key)
    if counter.update(downloads=F("downloads") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(downloads=1, **key)
    except IntegrityError:
        # Another request created the row first: count on it.
        counter.update(downloads=F("downloads") + 1)


def handbook_pdf_wanted(*, page: HandbookPage) -> bool:
    """A PDF is generated for a live page with chapters whose editors did not
    choose an uploaded file instead."""
    return page.live and not page.document_id and len(page.chapters) > 0


def handbook_pdf_generate(*, page_id: int) -> Document | None:
    """Generate the PDF of the page's published chapters in the page's language
    and store it as the page's generated document.

    Safe to run twice: the page keeps one generated document, whose file is
    replaced; publishing again creates no second document."""
    # The page row holds the published content (drafts live in revisions).
    page = HandbookPage.objects.filter(pk=page_id).select_related("locale").first()
    if page is None or not handbook_pdf_wanted(page=page):
        return None
    site = page.get_site()
    contact_email = SiteSettings.for_site(site).contact_email if site else ""
    # Imported here: fpdf2 costs every process that loads this module 0.4 s
    # to start, and only the worker's task renders.
    from .pdf import handbook_pdf_render

    with translation.override(page.locale.language_code):
        content = handbook_pdf_render(
            title=page.title,
            intro_html=page.intro,
            chapters=page.chapters,
            contact_email=contact_email,
            on=timezone.localdate(),
        )
        filename = handbook_pdf_filename(title=page.title)
    record = generated_pdf_record_store(
        model=HandbookPdf,
        pk=page.pk,
        title=page.title,
        filename=filename,
        content=content,
        generated_at=timezone.now(),
    )
    return record.document


def handbook_pdf_ensure(*, page: HandbookPage) -> None:
    """Generate the page's PDF now if it has none yet or its file has gone from
    storage (a database kept while the media folder was not), so the download
    never answers 404; a file that is there is left alone."""
    record = HandbookPdf.objects.filter(page_id=page.pk).select_related("document").first()
    if generated_document_missing(document=record.document if record else None):
        handbook_pdf_generate(page_id=page.pk)


def handbook_pdf_filename(*, title: str) -> str:
    """The file's name in the active language: the page title, led by the
    language's word for a handbook (handleiding-…, guide-…, handbook-…)."""
    word = pgettext("file name", "handbook")
    slug = slugify(title)[:60].strip("-")
    return f"{slug if slug.startswith(word) else f'{word}-{slug}'}.pdf"
