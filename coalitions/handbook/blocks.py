"""The blocks editors write the handbook's chapters with. Each block renders on
the page through its template and in the PDF through coalitions.handbook.pdf."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

HANDBOOK_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ChapterHeadingBlock(blocks.CharBlock):
    """Starts a chapter: an entry of the PDF's table of contents."""

    class Meta:
        icon = "title"
        label = _("chapter heading")
        template = "coalitions/blocks/chapter_heading_block.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("item")), label=_("items"))

    class Meta:
        icon = "tasks"
        label = _("checklist")
        template = "coalitions/blocks/checklist_block.html"


class HandbookQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    source = blocks.CharBlock(label=_("source"), required=False)

    class Meta:
        icon = "openquote"
        label = _("quote")
        template = "blocks/quote_block.html"


class HandbookImageBlock(blocks.StructBlock):
    # Wagtail's ImageBlock asks for the alt text (or "decorative") with the image.
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("image")
        template = "coalitions/blocks/handbook_image_block.html"


class HandbookChaptersBlock(blocks.StreamBlock):
    chapter_heading = ChapterHeadingBlock()
    text = blocks.RichTextBlock(
        features=HANDBOOK_RICH_TEXT_FEATURES,
        label=_("text"),
        template="blocks/paragraph_block.html",
    )
    checklist = ChecklistBlock()
    quote = HandbookQuoteBlock()
    image = HandbookImageBlock()
