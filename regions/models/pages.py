"""Pages that publish an edition's results: the region index, region profiles, policy areas."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import RICH_TEXT_FEATURES
from indicators.models import Edition, EditionStatus, PolicyArea
from publications.pages import ProfilePDFMixin

from ..blocks import PROFILE_DATA_KEY, ProfileBodyBlock
from ..page_data import (
    INDEX_SORT_KEYS,
    AreaPageData,
    ProfileData,
    display_country_name,
    index_rows,
    scores_are_visible,
)
from .region import Region

# Blocks whose policy areas must belong to the framework of the profile's edition.
AREA_BLOCK_TYPES = ("policy_area", "comparison", "good_practice")


class RegionIndexPage(Page):
    """All published profiles of one edition, in a sortable table."""

    edition = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("edition"),
        help_text=_("The edition whose profiles this page lists."),
    )
    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES, verbose_name=_("introduction"))

    content_panels = Page.content_panels + [FieldPanel("edition"), FieldPanel("intro")]
    # Data references are copied from the source page and cannot be overridden.
    override_translatable_fields = [SynchronizedField("edition", overridable=False)]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["regions.RegionProfilePage", "regions.PolicyAreaPage"]

    class Meta:
        verbose_name = _("region index page")

    def route(self, request, path_components):
        """Route to a child profile or policy area page, with its foreign keys in one query.

        Wagtail's own routing runs one query for the child as a plain page, one for its
        specific page, and one for each foreign key on first use.
        """
        if len(path_components) == 1:
            for model, related in (
                (RegionProfilePage, ("region", "edition")),
                (PolicyAreaPage, ("edition", "area", "national_edition")),
            ):
                child = (
                    model.objects.child_of(self)
                    .filter(slug=path_components[0])
                    .select_related(*related)
                    .first()
                )
                if child is not None:
                    child._cached_parent_obj = self
                    return child.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["scores_visible"] = scores_are_visible(self.edition, request)
        profiles = list(
            RegionProfilePage.objects.child_of(self)
            .live()
            .filter(edition=self.edition)
            .select_related("region")
        )
        rows = index_rows(self.edition, [(page.region, page.get_url(request)) for page in profiles])
        default_sort = "rank" if context["scores_visible"] else "region"
        sort = request.GET.get("sort", default_sort)
        if sort not in self.sort_keys(context["scores_visible"]):
            sort = default_sort
        descending = request.GET.get("order") == "desc"
        context["rows"] = sorted(rows, key=INDEX_SORT_KEYS[sort], reverse=descending)
        context["sort"] = sort
        context["descending"] = descending
        context["sort_columns"] = self.sort_columns(sort, descending, context["scores_visible"])
        context["area_pages"] = PolicyAreaPage.objects.child_of(self).live()
        return context

    @staticmethod
    def sort_keys(scores_visible: bool) -> list[str]:
        return list(INDEX_SORT_KEYS) if scores_visible else ["region", "country"]

    def sort_columns(self, sort: str, descending: bool, scores_visible: bool) -> dict[str, dict]:
        """Return, per sortable column, the link that sorts by it and its aria-sort state."""
        columns = {}
        for key in self.sort_keys(scores_visible):
            is_current = key == sort
            next_order = "desc" if is_current and not descending else "asc"
            state = "none"
            if is_current:
                state = "descending" if descending else "ascending"
            columns[key] = {"query": f"?sort={key}&order={next_order}", "aria_sort": state}
        return columns


class RegionProfilePage(ProfilePDFMixin, Page):
    """One region in one edition: the editor's text around scores read from the data."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="+", verbose_name=_("edition")
    )
    summary = RichTextField(blank=True, features=RICH_TEXT_FEATURES, verbose_name=_("summary"))
    body = StreamField(ProfileBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("region"), FieldPanel("edition")], heading=_("Data")),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    override_translatable_fields = [
        SynchronizedField("region", overridable=False),
        SynchronizedField("edition", overridable=False),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("edition_id"),
        index.FilterField("region_id"),
    ]

    parent_page_types = ["regions.RegionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("region profile")

    def clean(self):
        super().clean()
        if not self.region_id or not self.edition_id:
            return
        self._check_unique_profile()
        self._check_same_data_as_translations()
        self._check_block_areas()

    def _check_same_data_as_translations(self) -> None:
        """Keep a profile and its translations on one region and edition.

        Translations copy the region and edition only when they are synced, so a change
        here would show other scores in the other languages until then.
        """
        if self.pk is None:
            return
        differing = (
            RegionProfilePage.objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .exclude(region_id=self.region_id, edition_id=self.edition_id)
            .select_related("locale", "region", "edition")
        )
        if not differing:
            return
        first = differing[0]
        raise ValidationError(
            _(
                "This profile has translations on %(region)s in %(edition)s (%(languages)s), "
                "and every language must show the same scores. Keep the region and edition, "
                "or create a new profile."
            )
            % {
                "region": first.region,
                "edition": first.edition,
                "languages": ", ".join(page.locale.get_display_name() for page in differing),
            }
        )

    def _check_unique_profile(self) -> None:
        others = RegionProfilePage.objects.filter(
            region_id=self.region_id, edition_id=self.edition_id, locale_id=self.locale_id
        ).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                {
                    "region": _(
                        "%(region)s already has a profile for %(edition)s: edit that page "
                        "instead of creating a second one."
                    )
                    % {"region": self.region, "edition": self.edition}
                }
            )

    def _check_block_areas(self) -> None:
        framework_id = self.edition.framework_id
        area_ids = {
            block.value["area"].pk
            for block in self.body
            if block.block_type in AREA_BLOCK_TYPES and block.value.get("area") is not None
        }
        # Translated areas hold text only: profiles always point to the framework's own rows.
        framework_areas = PolicyArea.objects.source().filter(framework_id=framework_id)
        foreign = PolicyArea.objects.filter(pk__in=area_ids).exclude(pk__in=framework_areas)
        if foreign:
            names = ", ".join(str(area) for area in foreign)
            raise ValidationError(
                {
                    "body": _(
                        "Policy areas %(areas)s are not part of the framework of %(edition)s. "
                        "Choose areas of %(framework)s in %(language)s, the language it is "
                        "written in: a translated area only holds translated text."
                    )
                    % {
                        "areas": names,
                        "edition": self.edition,
                        "framework": self.edition.framework,
                        "language": Locale.get_default().get_display_name(),
                    }
                }
            )

    @property
    def last_updated_at(self) -> datetime | None:
        """The time the profile last changed for readers: its text, or its edition's scores.

        The scores are read from the data at render time, so recomputing a published
        edition's scores updates the profile without a new publication.
        """
        changes = [self.last_published_at]
        if self.edition.is_published:
            changes.append(self.edition.scores_computed_at)
        return max((moment for moment in changes if moment is not None), default=None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        visible = scores_are_visible(self.edition, request)
        context["scores_visible"] = visible
        context["scores_hidden"] = not visible
        context["country_name"] = display_country_name(self.region.country)
        if visible:
            context[PROFILE_DATA_KEY] = self.load_profile_data(request)
        return context

    def load_profile_data(self, request) -> ProfileData:
        """Load every score the body shows, with a fixed number of queries."""
        published_region_ids = set(
            RegionProfilePage.objects.live()
            .filter(edition_id=self.edition_id)
            .values_list("region_id", flat=True)
        )
        national_ids = {
            block["value"].get("national_edition")
            for block in self.body.raw_data
            if block["type"] == "comparison"
        } - {None}
        national_editions = [
            edition
            for edition in Edition.objects.filter(pk__in=national_ids)
            if scores_are_visible(edition, request)
        ]
        return ProfileData.load(
            self.region,
            self.edition,
            published_region_ids,
            national_editions,
            display_country_name(self.region.country),
        )


class PolicyAreaPageForm(WagtailAdminPageForm):
    """Start a new policy area page on the edition of the region index page it is added to."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        parent = parent_page.specific if parent_page is not None else None
        if self.instance._state.adding and isinstance(parent, RegionIndexPage):
            if not self.initial.get("edition"):
                self.initial["edition"] = parent.edition_id


class PolicyAreaPage(Page):
    """One policy area across the regions of an edition, with the editor's commentary."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="+", verbose_name=_("edition")
    )
    area = models.ForeignKey(
        PolicyArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("policy area")
    )
    national_edition = models.ForeignKey(
        Edition,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"status": EditionStatus.PUBLISHED},
        verbose_name=_("national edition"),
        help_text=_("The national MIPEX edition to compare each region's country with."),
    )
    commentary = RichTextField(
        blank=True, features=RICH_TEXT_FEATURES, verbose_name=_("commentary")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("edition"), FieldPanel("area"), FieldPanel("national_edition")],
            heading=_("Data"),
        ),
        FieldPanel("commentary"),
    ]
    override_translatable_fields = [
        SynchronizedField("edition", overridable=False),
        SynchronizedField("area", overridable=False),
        SynchronizedField("national_edition", overridable=False),
    ]
    search_fields = Page.search_fields + [index.SearchField("commentary")]

    parent_page_types = ["regions.RegionIndexPage"]
    subpage_types: list[str] = []
    base_form_class = PolicyAreaPageForm

    class Meta:
        verbose_name = _("policy area page")

    def clean(self):
        super().clean()
        if self.edition_id and self.area_id and self.area.framework_id != self.edition.framework_id:
            raise ValidationError(
                {
                    "area": _("%(area)s is not a policy area of %(framework)s.")
                    % {"area": self.area, "framework": self.edition.framework}
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        visible = scores_are_visible(self.edition, request)
        context["scores_visible"] = visible
        if visible:
            national = self.national_edition
            if national is not None and not scores_are_visible(national, request):
                national = None
            profile_urls = {
                page.region_id: page.get_url(request)
                for page in RegionProfilePage.objects.live().filter(edition_id=self.edition_id)
            }
            context["area_data"] = AreaPageData.load(
                self.edition, self.area_id, national, profile_urls
            )
        return context
