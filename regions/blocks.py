"""Blocks of a region profile's body.

Score blocks store references only: a policy area, and for comparisons a national edition.
The region and edition come from the profile page, and the numbers from the stored scores
at render time. So re-importing data changes what a published profile shows without any
edit, and a translated profile contains no copy of a score.

Score blocks read the page's `ProfileData` from the template context (key `profile_data`),
which `RegionProfilePage.get_context` loads once for all blocks.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import RICH_TEXT_FEATURES, ContentBlock
from indicators.models import Edition, PolicyArea

from .page_data import localised_area_name

PROFILE_DATA_KEY = "profile_data"


class SynchronizedSnippetChooserBlock(SnippetChooserBlock):
    """A snippet chooser that translations copy from their source and translators cannot change.

    wagtail-localize (1.14) offers every chooser block as an overridable segment in its
    translation editor. Returning no segments keeps this block out of the editor, and
    wagtail-localize then leaves the source's value in the translation.
    """

    def get_translatable_segments(self, value) -> list:
        return []

    def restore_translated_segments(self, value, segments):
        return value


class ScoreBlock(blocks.StructBlock):
    """A block whose numbers come from the page's profile data; see the module docstring."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        data = (parent_context or {}).get(PROFILE_DATA_KEY)
        context[PROFILE_DATA_KEY] = data
        context["scores_hidden"] = (parent_context or {}).get("scores_hidden", data is None)
        context["area_name"] = localised_area_name(value.get("area"), data)
        if data is not None:
            context.update(self.get_score_context(value, data))
        return context

    def get_score_context(self, value, data) -> dict:
        return {}


def _area_id(value) -> int | None:
    area = value.get("area")
    return area.pk if area is not None else None


class ScoreSummaryBlock(ScoreBlock):
    heading = blocks.CharBlock(
        required=False, max_length=255, default=_("Score summary"), label=_("Heading")
    )

    class Meta:
        icon = "table"
        label = _("Score summary")
        description = _("Overall score, band, rank among the edition's regions and coverage.")
        template = "regions/blocks/score_summary.html"


class PolicyAreaBlock(ScoreBlock):
    area = SynchronizedSnippetChooserBlock(PolicyArea, label=_("Policy area"))
    commentary = blocks.RichTextBlock(
        required=False, features=RICH_TEXT_FEATURES, label=_("Commentary")
    )
    show_indicators = blocks.BooleanBlock(
        required=False, default=True, label=_("Show the indicator table")
    )

    class Meta:
        icon = "list-ul"
        label = _("Policy area")
        description = _("The area's score, its dimension scores and indicator table.")
        template = "regions/blocks/policy_area.html"

    def get_score_context(self, value, data) -> dict:
        area_id = _area_id(value)
        return {"detail": data.area_detail(area_id) if area_id else None}


class ComparisonBlock(ScoreBlock):
    area = SynchronizedSnippetChooserBlock(
        PolicyArea,
        required=False,
        label=_("Policy area"),
        help_text=_("Leave blank to compare every policy area and the overall score."),
    )
    national_edition = SynchronizedSnippetChooserBlock(
        Edition,
        required=False,
        label=_("National edition"),
        help_text=_(
            "The national MIPEX edition to compare with, such as MIPEX 2019. Areas are "
            "matched through their comparable national area."
        ),
    )
    commentary = blocks.RichTextBlock(
        required=False, features=RICH_TEXT_FEATURES, label=_("Commentary")
    )

    class Meta:
        icon = "pick"
        label = _("Comparison")
        description = _(
            "The region against its country's national MIPEX score, the mean of published "
            "regions and the other regions of its country."
        )
        template = "regions/blocks/comparison.html"

    def get_score_context(self, value, data) -> dict:
        national = value.get("national_edition")
        return {"groups": data.comparison(_area_id(value), national.pk if national else None)}


class StrengthsAndWeaknessesBlock(ScoreBlock):
    count = blocks.IntegerBlock(
        default=3,
        min_value=1,
        max_value=10,
        label=_("Number of items"),
        help_text=_("How many areas and indicators to list on each side."),
    )
    strengths = blocks.RichTextBlock(
        required=False, features=RICH_TEXT_FEATURES, label=_("Text on strengths")
    )
    weaknesses = blocks.RichTextBlock(
        required=False, features=RICH_TEXT_FEATURES, label=_("Text on weaknesses")
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Strengths and weaknesses")
        description = _("The highest and lowest scored areas and indicators, with your text.")
        template = "regions/blocks/strengths_weaknesses.html"

    def get_score_context(self, value, data) -> dict:
        return {"ranked": data.strengths_and_weaknesses(value["count"])}


class GoodPracticeBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255, label=_("Title"))
    area = SynchronizedSnippetChooserBlock(PolicyArea, required=False, label=_("Policy area"))
    description = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Description"))
    link = blocks.URLBlock(required=False, label=_("Link"))
    image = ImageBlock(required=False, label=_("Image"))

    class Meta:
        icon = "success"
        label = _("Good practice")
        template = "regions/blocks/good_practice.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        data = (parent_context or {}).get(PROFILE_DATA_KEY)
        context["area_name"] = localised_area_name(value.get("area"), data)
        return context


class ProfileBodyBlock(ContentBlock):
    score_summary = ScoreSummaryBlock()
    policy_area = PolicyAreaBlock()
    comparison = ComparisonBlock()
    strengths_weaknesses = StrengthsAndWeaknessesBlock()
    good_practice = GoodPracticeBlock()

    class Meta:
        block_counts = {"score_summary": {"max_num": 1}}
