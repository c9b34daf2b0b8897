"""The sitemap: every live public page of every locale, with its translations as alternates."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class LocalizedSitemap(Sitemap):
    """Wagtail's sitemap, extended to the page trees of the site root's translations.

    Wagtail's own sitemap lists the descendants of the site's root page only, which are the
    English pages. Each entry here carries `alternates` (the `hreflang` links that Django's
    `sitemap.xml` template prints) for the live translations of the page, itself included.
    """

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_trees = Q()
        for root in roots:
            in_trees |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_trees)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        pages_by_location = {
            item.get_full_url(self.request): item for item in self.paginator.page(page).object_list
        }
        for url_info in urls:
            item = pages_by_location.get(url_info["location"])
            if item is not None:
                url_info["alternates"] = page_alternates(item, self.request)
        return urls


def page_alternates(page: Page, request=None) -> list[dict]:
    """Return the location and language of each live, public translation of `page` and itself."""
    translations = page.get_translations(inclusive=True).live().public().select_related("locale")
    return [
        {
            "location": translation.get_full_url(request),
            "lang_code": translation.locale.language_code,
        }
        for translation in translations.order_by("locale__language_code")
    ]
