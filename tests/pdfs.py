"""Reading the PDFs the site generates, as a reader's PDF viewer would."""

import io

from pypdf import PdfReader
from wagtail.documents.models import Document


def pdf_text(document: Document) -> tuple[int, str]:
    """Page count and text of a stored PDF."""
    with document.file.open("rb") as file:
        return pdf_bytes_text(file.read())


def pdf_bytes_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)
