from django import template
from django.conf import settings
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("home/includes/site_menu.html", takes_context=True)
def site_menu(context) -> dict:
    """List the home page and its live children that are marked "show in menus".

    Both come from the page tree of the active language when the home page is translated
    into it, and from the source tree otherwise.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    root = site.root_page.localized if site else None
    items = list(Page.objects.child_of(root).live().in_menu()) if root else []
    current = context.get("page")
    return {
        "root": root,
        "items": items,
        "current_path": current.url_path if isinstance(current, Page) else "",
        "request": request,
    }


def live_translations(page: Page, *, public_only: bool = False) -> list[dict]:
    """Return the URL, language code and language name of each live translation of `page`.

    The page itself is included, so the list has two entries or more only when the page has
    a live translation. Entries follow the order of `WAGTAIL_CONTENT_LANGUAGES`, and the
    names are the ones set there. With `public_only`, translations behind a view restriction
    are left out.
    """
    pages = page.get_translations(inclusive=True).live().select_related("locale")
    if public_only:
        pages = pages.public()
    translations = {translation.locale.language_code: translation for translation in pages}
    entries = []
    for language_code, name in settings.WAGTAIL_CONTENT_LANGUAGES:
        translation = translations.get(language_code)
        if translation is None:
            continue
        entries.append(
            {
                "url": translation.url,
                "full_url": translation.full_url,
                "language_code": language_code,
                "name": name,
                "is_current": translation.pk == page.pk,
            }
        )
    return entries


@register.inclusion_tag("home/includes/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    """Link the current page to its live translations in the other languages."""
    page = context.get("page")
    translations = live_translations(page) if isinstance(page, Page) and page.pk else []
    return {"translations": translations if len(translations) > 1 else []}


@register.inclusion_tag("home/includes/hreflang_links.html", takes_context=True)
def hreflang_links(context) -> dict:
    """Declare the live, public translations of the current page as `hreflang` alternates."""
    page = context.get("page")
    is_page = isinstance(page, Page) and page.pk
    translations = live_translations(page, public_only=True) if is_page else []
    return {"translations": translations if len(translations) > 1 else []}
