"""The handbook's chapters as a PDF: cover, table of contents, numbered pages,
ORBIT's contact. Rendering only (fpdf2, pure Python, its built-in fonts); the
services decide when to render and where the file goes."""

from collections.abc import Iterable
from datetime import date
from io import BytesIO

from django.utils import formats
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import TextStyle
from fpdf.outline import OutlineSection, TableOfContents
from wagtail.blocks import StreamValue
from wagtail.rich_text import expand_db_html

ORBIT = "ORBIT vzw"
ACCENT = (200, 30, 80)


class _HandbookPdf(FPDF):
    def __init__(self, *, running_title: str) -> None:
        super().__init__(format="A4")
        self.running_title = running_title
        self.set_auto_page_break(auto=True, margin=20)
        self.set_margins(22, 20, 22)

    def footer(self) -> None:
        # The cover carries no number; every other page says where it is.
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.set_font("helvetica", size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, pdf_text(self.running_title), align="L")
        self.set_x(self.l_margin)
        self.cell(
            0,
            6,
            pdf_text(
                _("Page %(number)s of %(total)s") % {"number": self.page_no(), "total": "{nb}"}
            ),
            align="R",
        )
        self.set_text_color(0, 0, 0)


def handbook_pdf_render(
    *, title: str, intro_html: str, chapters: StreamValue, contact_email: str, on: date
) -> bytes:
    """The PDF in the active language (the caller activates the page's)."""
    pdf = _HandbookPdf(running_title=f"{title} - {ORBIT}")
    pdf.set_title(pdf_text(title))
    pdf.set_author(ORBIT)
    pdf.set_lang(get_language())
    _cover(pdf, title=title, intro_html=intro_html, contact_email=contact_email, on=on)

    pdf.add_page()
    pdf.insert_toc_placeholder(_render_contents, allow_extra_pages=True)
    started = False
    for block in chapters:
        if block.block_type == "chapter_heading":
            pdf.add_page()
            _chapter_heading(pdf, block.value)
            started = True
            continue
        if not started:
            # Text before the first heading opens on a page of its own.
            pdf.add_page()
            started = True
        _block(pdf, block)
    _contact_page(pdf, contact_email=contact_email)
    return bytes(pdf.output())


def _cover(pdf: FPDF, *, title: str, intro_html: str, contact_email: str, on: date) -> None:
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.set_y(70)
    pdf.set_font("helvetica", "B", 28)
    pdf.multi_cell(0, 13, pdf_text(title))
    pdf.ln(8)
    intro = strip_tags(intro_html).strip()
    if intro:
        pdf.set_font("helvetica", size=13)
        pdf.multi_cell(0, 7, pdf_text(intro))
    pdf.set_y(-60)
    pdf.set_font("helvetica", "B", 14)
    pdf.cell(0, 8, ORBIT, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 6, pdf_text(contact_email), new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, pdf_text(_("Version of %(date)s") % {"date": formats.date_format(on)}))


def _render_contents(pdf: FPDF, outline: list[OutlineSection]) -> None:
    pdf.set_font("helvetica", "B", 20)
    pdf.cell(0, 12, pdf_text(_("Contents")), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    TableOfContents(text_style=TextStyle(font_family="helvetica", font_size_pt=12)).render_toc(
        pdf, outline
    )


def _chapter_heading(pdf: FPDF, heading: str) -> None:
    pdf.start_section(pdf_text(heading))
    pdf.set_font("helvetica", "B", 20)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 10, pdf_text(heading))
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)


def _block(pdf: FPDF, block) -> None:
    pdf.set_font("helvetica", size=11)
    if block.block_type == "text":
        pdf.write_html(pdf_text(expand_db_html(block.value.source)))
    elif block.block_type == "checklist":
        _checklist(pdf, block.value["title"], block.value["items"])
    elif block.block_type == "quote":
        _quote(pdf, block.value["quote"], block.value["source"])
    elif block.block_type == "image":
        _image(pdf, block.value["image"], block.value["caption"])
    pdf.ln(3)


def _checklist(pdf: FPDF, title: str, items: Iterable[str]) -> None:
    if title:
        pdf.set_font("helvetica", "B", 12)
        pdf.multi_cell(0, 7, pdf_text(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    for item in items:
        # A box to tick on paper, then the item.
        y = pdf.get_y()
        pdf.rect(pdf.l_margin, y + 1.2, 3.6, 3.6)
        pdf.set_x(pdf.l_margin + 7)
        pdf.multi_cell(0, 6, pdf_text(item), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)


def _quote(pdf: FPDF, quote: str, source: str) -> None:
    top = pdf.get_y()
    pdf.set_x(pdf.l_margin + 8)
    pdf.set_font("helvetica", "I", 12)
    pdf.multi_cell(pdf.epw - 8, 7, pdf_text(quote), new_x="LMARGIN", new_y="NEXT")
    if source:
        pdf.set_x(pdf.l_margin + 8)
        pdf.set_font("helvetica", size=10)
        pdf.multi_cell(pdf.epw - 8, 6, pdf_text(f"- {source}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1)
    pdf.line(pdf.l_margin + 2, top, pdf.l_margin + 2, pdf.get_y())
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0, 0, 0)


def _image(pdf: FPDF, image, caption: str) -> None:
    rendition = image.get_rendition("max-1400x1400|format-jpeg")
    with rendition.file.open("rb") as file:
        data = BytesIO(file.read())
    width = min(pdf.epw, rendition.width * 0.2)
    pdf.image(data, w=width, alt_text=pdf_text(image.contextual_alt_text or image.title))
    if caption:
        pdf.set_font("helvetica", "I", 9)
        pdf.multi_cell(0, 5, pdf_text(caption), new_x="LMARGIN", new_y="NEXT")


def _contact_page(pdf: FPDF, *, contact_email: str) -> None:
    pdf.ln(10)
    pdf.set_font("helvetica", "B", 14)
    pdf.cell(0, 8, pdf_text(_("Contact")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(
        0,
        6,
        pdf_text(
            _("Questions about this handbook or about coaching? Write to %(email)s.")
            % {"email": contact_email}
        ),
    )


# The PDF core fonts cover Latin-1, which holds every letter of nl/fr/en but
# the French ligature; typographic quotes and dashes become their plain forms.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u0153": "oe",
        "\u0152": "OE",
        "\u202f": " ",
    }
)


def pdf_text(text: str) -> str:
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")
