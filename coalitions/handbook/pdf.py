"""The handbook's chapters as a PDF (core.pdf's print document): a chapter
heading opens a page and an entry in the table of contents; checklists get
boxes to tick on paper. Rendering only; the services decide when to render and
where the file goes."""

from collections.abc import Iterable
from datetime import date
from io import BytesIO

from django.utils.translation import gettext as _
from wagtail.blocks import StreamValue
from wagtail.rich_text import expand_db_html

from core.pdf import PrintDocument


def handbook_pdf_render(
    *, title: str, intro_html: str, chapters: StreamValue, contact_email: str, on: date
) -> bytes:
    """The PDF in the active language (the caller activates the page's)."""
    pdf = PrintDocument(title=title)
    pdf.cover(title=title, intro_html=intro_html, contact_email=contact_email, on=on)
    pdf.contents()
    for block in chapters:
        if block.block_type == "chapter_heading":
            pdf.section_page()
            pdf.section_heading(block.value)
            continue
        _block(pdf, block)
    pdf.contact(
        _("Questions about this handbook or about coaching? Write to %(email)s.")
        % {"email": contact_email}
    )
    return bytes(pdf.output())


def _block(pdf: PrintDocument, block) -> None:
    if block.block_type == "text":
        pdf.html(expand_db_html(block.value.source))
    elif block.block_type == "checklist":
        _checklist(pdf, block.value["title"], block.value["items"])
    elif block.block_type == "quote":
        pdf.quote(block.value["quote"], block.value["source"])
    elif block.block_type == "image":
        _image(pdf, block.value["image"], block.value["caption"])
    pdf.ln(3)


def _checklist(pdf: PrintDocument, title: str, items: Iterable[str]) -> None:
    if title:
        pdf.paragraph(title, style="B", size=12)
    pdf.font(size=11)
    for item in items:
        # A box to tick on paper, then the item.
        y = pdf.get_y()
        pdf.rect(pdf.l_margin, y + 1.2, 3.6, 3.6)
        pdf.set_x(pdf.l_margin + 7)
        pdf.multi_cell(0, 6, pdf.printable(item), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)


def _image(pdf: PrintDocument, image, caption: str) -> None:
    rendition = image.get_rendition("max-1400x1400|format-jpeg")
    with rendition.file.open("rb") as file:
        data = BytesIO(file.read())
    width = min(pdf.epw, rendition.width * 0.2)
    pdf.image(data, w=width, alt_text=pdf.printable(image.contextual_alt_text or image.title))
    if caption:
        pdf.font("I", 9)
        pdf.multi_cell(0, 5, pdf.printable(caption), new_x="LMARGIN", new_y="NEXT")
