from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    source = blocks.CharBlock(label=_("source"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or web address"), required=False)

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"


class RecommendationBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("paragraph"), template="blocks/paragraph_block.html"
    )
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
