"""The print documents ORBIT's pages become (the handbook, the 10
recommendations): an A4 document with a cover, a table of contents, numbered
pages with a running title and ORBIT's contact. Rendering only (fpdf2, pure
Python); each app decides what goes in and when, and services store the file.

Fonts: DejaVu Sans from the directory `settings.PDF_FONT_DIR` (Debian's
fonts-dejavu-core puts it there) when it is installed, which writes every
character; otherwise the PDF core font Helvetica, which holds Latin-1 only, with
the few other characters of nl/fr/en text written in their plain forms."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import formats
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import TextStyle
from fpdf.outline import OutlineSection, TableOfContents

ORBIT = "ORBIT vzw"
ACCENT = (200, 30, 80)

# fpdf2 style -> DejaVu file; a style whose file is missing (fonts-dejavu-core
# has no oblique) falls back to the upright file of the same weight.
_DEJAVU = {
    "": ["DejaVuSans.ttf"],
    "B": ["DejaVuSans-Bold.ttf"],
    "I": ["DejaVuSans-Oblique.ttf", "DejaVuSans.ttf"],
    "BI": ["DejaVuSans-BoldOblique.ttf", "DejaVuSans-Bold.ttf"],
}


def unicode_font_files() -> dict[str, Path] | None:
    """The DejaVu file of each style, or None when the font is not installed."""
    directory = Path(settings.PDF_FONT_DIR)
    files = {}
    for style, candidates in _DEJAVU.items():
        found = next((directory / n for n in candidates if (directory / n).is_file()), None)
        if found is None:
            return None
        files[style] = found
    return files


class PrintDocument(FPDF):
    """An A4 document of ORBIT's: build it with the methods below, in order
    (cover, contents, sections, contact), then take `bytes(...)` of `output()`.
    Text goes through `printable()`, which keeps what the font can write."""

    def __init__(self, *, title: str) -> None:
        super().__init__(format="A4")
        self.running_title = f"{title} - {ORBIT}"
        self.set_auto_page_break(auto=True, margin=20)
        self.set_margins(22, 20, 22)
        fonts = unicode_font_files()
        self.unicode = fonts is not None
        if fonts:
            for style, path in fonts.items():
                self.add_font("dejavu", style, path)
        self.family = "dejavu" if self.unicode else "helvetica"
        self.set_title(self.printable(title))
        self.set_author(ORBIT)
        self.set_lang(get_language())

    def printable(self, text: str) -> str:
        return text if self.unicode else latin1_text(text)

    def font(self, style: str = "", size: float = 11) -> None:
        self.set_font(self.family, style, size)

    def footer(self) -> None:
        # The cover carries no number; every other page says where it is.
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.font(size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, self.printable(self.running_title), align="L")
        self.set_x(self.l_margin)
        self.cell(
            0,
            6,
            self.printable(
                _("Page %(number)s of %(total)s") % {"number": self.page_no(), "total": "{nb}"}
            ),
            align="R",
        )
        self.set_text_color(0, 0, 0)

    def cover(self, *, title: str, intro_html: str, contact_email: str, on: date) -> None:
        self.add_page()
        self.set_fill_color(*ACCENT)
        self.rect(0, 0, self.w, 12, style="F")
        self.set_y(70)
        self.font("B", 28)
        self.multi_cell(0, 13, self.printable(title))
        self.ln(8)
        intro = strip_tags(intro_html).strip()
        if intro:
            self.font(size=13)
            self.multi_cell(0, 7, self.printable(intro))
        self.set_y(-60)
        self.font("B", 14)
        self.cell(0, 8, ORBIT, new_x="LMARGIN", new_y="NEXT")
        self.font(size=11)
        self.cell(0, 6, self.printable(contact_email), new_x="LMARGIN", new_y="NEXT")
        version = _("Version of %(date)s") % {"date": formats.date_format(on)}
        self.cell(0, 6, self.printable(version))

    def contents(self) -> None:
        """A page for the table of contents, filled in with the sections'
        pages when the document is output; fpdf2 then opens the next page."""
        self.add_page()
        self.insert_toc_placeholder(self._render_contents, allow_extra_pages=True)

    def section_page(self) -> None:
        """Start a section on a page of its own: a new page, unless nothing is
        written yet on the current one (the page after the table of contents)."""
        if self.get_y() > self.t_margin:
            self.add_page()

    def _render_contents(self, pdf: FPDF, outline: list[OutlineSection]) -> None:
        self.font("B", 20)
        self.cell(0, 12, self.printable(_("Contents")), new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        style = TextStyle(font_family=self.family, font_size_pt=12)
        TableOfContents(text_style=style).render_toc(pdf, outline)

    def section_heading(self, heading: str, *, contents_entry: str | None = None) -> None:
        """A heading listed in the table of contents (as `contents_entry` if given)."""
        self.start_section(self.printable(contents_entry or heading))
        self.font("B", 20)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 10, self.printable(heading), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(4)

    def paragraph(self, text: str, *, style: str = "", size: float = 11) -> None:
        self.font(style, size)
        self.multi_cell(0, 6, self.printable(text), new_x="LMARGIN", new_y="NEXT")

    def html(self, html: str) -> None:
        """Rich text (Wagtail's, with its links expanded) as the PDF's text."""
        self.font(size=11)
        self.write_html(self.printable(html), font_family=self.family)

    def quote(self, quote: str, source: str) -> None:
        top = self.get_y()
        self.set_x(self.l_margin + 8)
        self.font("I", 12)
        self.multi_cell(self.epw - 8, 7, self.printable(quote), new_x="LMARGIN", new_y="NEXT")
        if source:
            self.set_x(self.l_margin + 8)
            self.font(size=10)
            self.multi_cell(
                self.epw - 8, 6, self.printable(f"- {source}"), new_x="LMARGIN", new_y="NEXT"
            )
        self.set_draw_color(*ACCENT)
        self.set_line_width(1)
        self.line(self.l_margin + 2, top, self.l_margin + 2, self.get_y())
        self.set_line_width(0.2)
        self.set_draw_color(0, 0, 0)

    def contact(self, message: str) -> None:
        self.ln(10)
        self.font("B", 14)
        self.cell(0, 8, self.printable(_("Contact")), new_x="LMARGIN", new_y="NEXT")
        self.paragraph(message)


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


def latin1_text(text: str) -> str:
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")
