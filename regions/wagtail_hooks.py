from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Region


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = "Regions"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["code", "name", "country", "level", "parent"]
    list_filter = ["level", "country"]
    search_fields = ["code", "name"]
    list_per_page = 50
    ordering = ["code"]


register_snippet(RegionViewSet)
