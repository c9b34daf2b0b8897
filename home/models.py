from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from indicators.models import EditionStatus

from .blocks import RICH_TEXT_FEATURES, ContentBlock


class HomePage(Page):
    """The site's root page: what the index is, and its latest published edition."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES, verbose_name=_("introduction"))
    body = StreamField(ContentBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    max_count = 1
    subpage_types = ["regions.RegionIndexPage", "home.StandardPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from regions.models import PolicyAreaPage, RegionIndexPage, RegionProfilePage

        context = super().get_context(request, *args, **kwargs)
        latest = (
            RegionIndexPage.objects.child_of(self)
            .live()
            .filter(edition__status=EditionStatus.PUBLISHED)
            .select_related("edition")
            .order_by("-edition__year", "-first_published_at")
            .first()
        )
        context["latest_index"] = latest
        if latest is not None:
            context["profiles"] = (
                RegionProfilePage.objects.child_of(latest)
                .live()
                .filter(edition_id=latest.edition_id)
                .select_related("region")
                .order_by("region__name")
            )
            context["area_pages"] = PolicyAreaPage.objects.child_of(latest).live()
        context["standard_pages"] = StandardPage.objects.child_of(self).live().in_menu()
        return context


class StandardPage(Page):
    """A text page, such as the methodology, about or citation guidance."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES, verbose_name=_("introduction"))
    body = StreamField(ContentBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
