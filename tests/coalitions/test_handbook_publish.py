"""Publishing a handbook page: a real Celery worker makes its PDF."""

import time

import pytest
from wagtail.documents.models import Document

from coalitions.handbook.selectors import handbook_file
from coalitions.models import HandbookPage, HandbookPdf
from tests.pdfs import pdf_text

pytestmark = pytest.mark.integration


def _pdf_with(page: HandbookPage, words: str, timeout: float = 60) -> tuple[int, str]:
    """The page's PDF once the worker has put `words` in it."""
    deadline = time.monotonic() + timeout
    while True:
        pages, text = pdf_text(handbook_file(page=page))
        if words in text or time.monotonic() > deadline:
            return pages, text
        time.sleep(0.5)


def test_publishing_makes_the_pdf_of_that_language_on_the_worker(celery_worker, live_campaign):
    page = HandbookPage.objects.get(locale__language_code="fr")
    documents = Document.objects.count()
    generated = HandbookPdf.objects.get(page=page).document

    page.chapters.append(("chapter_heading", "Un chapitre de la rédaction"))
    page.save_revision().publish()
    pages, text = _pdf_with(page, "Un chapitre de la rédaction")

    assert "Un chapitre de la rédaction ." in text  # listed in the table of contents
    assert "Sommaire" in text
    assert "Page 2 sur" in text
    assert pages > 3

    # Publishing again replaces the file of the same document.
    page.chapters.append(("chapter_heading", "Un second chapitre"))
    page.save_revision().publish()
    _pages, text = _pdf_with(page, "Un second chapitre")
    assert "Un second chapitre" in text
    assert Document.objects.count() == documents
    assert HandbookPdf.objects.get(page=page).document == generated
    # The other languages' PDFs are untouched by the French page's publish.
    _pages, dutch = pdf_text(
        handbook_file(page=HandbookPage.objects.get(locale__language_code="nl"))
    )
    assert "Un second chapitre" not in dutch
