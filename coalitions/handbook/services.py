from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from fpdf import FPDF
from wagtail.documents.models import Document
from wagtail.models import Collection

from .models import HandbookDownloadCount, HandbookDownloadMonth, HandbookPage


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


def handbook_sample_document_ensure(*, language: str, title: str, lines: list[str]) -> Document:
    """The sample handbook PDF for a language, generated on first use, so a fresh
    site has a download that works; editors replace it with the real handbook.

    A sample whose file has gone from storage (a database kept while the media
    folder was not, as in a fresh clone against an existing PostgreSQL) is
    written again, so the download never answers 404."""
    document = Document.objects.filter(title=title).first()
    if document is not None and document.file.storage.exists(document.file.name):
        return document
    if document is None:
        # A database emptied by `flush` has lost the root collection too.
        collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
        document = Document(title=title, collection=collection)
    document.file.save(
        f"handleiding-{language}.pdf", ContentFile(_sample_pdf(title, lines)), save=False
    )
    document._set_document_file_metadata()
    document.save()
    return document


def _sample_pdf(title: str, lines: list[str]) -> bytes:
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author("ORBIT vzw")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.multi_cell(0, 10, _latin1(title))
    pdf.ln(4)
    pdf.set_font("helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, _latin1(line))
        pdf.ln(2)
    return bytes(pdf.output())


def _latin1(text: str) -> str:
    # The PDF core fonts cover Latin-1, which holds every letter of nl/fr/en;
    # typographic quotes and dashes outside it are replaced by their plain forms.
    plain = text.translate(
        str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"})
    )
    return plain.encode("latin-1", "replace").decode("latin-1")
