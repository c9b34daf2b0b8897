from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("home/includes/site_menu.html", takes_context=True)
def site_menu(context) -> dict:
    """List the home page and its live children that are marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    root = site.root_page if site else None
    items = list(Page.objects.child_of(root).live().in_menu()) if root else []
    current = context.get("page")
    return {
        "root": root,
        "items": items,
        "current_path": current.url_path if isinstance(current, Page) else "",
        "request": request,
    }
