"""The recommendations as a print-ready PDF (core.pdf's print document): a
cover, the table of contents, then each recommendation on a page of its own
with its number, title, lead and text. Rendering only; the services decide
when to render and where the file goes."""

from collections.abc import Iterable
from datetime import date

from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from core.pdf import PrintDocument

from .models import RecommendationPage


def recommendations_pdf_render(
    *,
    title: str,
    intro_html: str,
    recommendations: Iterable[RecommendationPage],
    contact_email: str,
    on: date,
) -> bytes:
    """The PDF in the active language (the caller activates the index page's)."""
    pdf = PrintDocument(title=title)
    pdf.cover(title=title, intro_html=intro_html, contact_email=contact_email, on=on)
    pdf.contents()
    for recommendation in recommendations:
        pdf.section_page()
        numbered = f"{recommendation.number}. {recommendation.title}"
        pdf.section_heading(numbered)
        # The lead once: not again where the body already opens with it.
        if recommendation.lead and not recommendation.lead_opens_body:
            pdf.paragraph(recommendation.lead, style="B", size=12)
            pdf.ln(3)
        for block in recommendation.body:
            _block(pdf, block)
    pdf.contact(
        _("Questions about the recommendations or about coaching? Write to %(email)s.")
        % {"email": contact_email}
    )
    return bytes(pdf.output())


def _block(pdf: PrintDocument, block) -> None:
    if block.block_type == "paragraph":
        pdf.html(expand_db_html(block.value.source))
    elif block.block_type == "quote":
        pdf.quote(block.value["quote"], block.value["source"])
    elif block.block_type == "call_to_action":
        # On paper a button is its text and where it leads.
        target = block.value["page"].full_url if block.value["page"] else block.value["url"]
        pdf.paragraph(f"{block.value['text']}: {target}" if target else block.value["text"])
    pdf.ln(3)
