"""Content blocks that every page type offers: rich text, quote, image and document link."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=255, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "home/blocks/quote.html"
        preview_value = {
            "quote": "Integration starts where people live: in their region and town.",
            "attribution": "Regional integration officer",
        }


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=255, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Link text"),
        help_text=_("Leave blank to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "home/blocks/document_link.html"


class ContentBlock(blocks.StreamBlock):
    """The free-text blocks of standard pages, also offered on profiles."""

    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Rich text"), template="home/blocks/rich_text.html"
    )
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    document_link = DocumentLinkBlock()
