from django.shortcuts import redirect
from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Region, RegionProfilePage
from .views import CreateProfileView


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = "Regions"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["code", "name", "country", "level", "parent"]
    list_filter = ["level", "country"]
    list_per_page = 50
    ordering = ["code"]


register_snippet(RegionViewSet)


@hooks.register("register_admin_urls")
def register_profile_urls():
    return [
        path(
            "regions/profiles/add/<int:parent_page_id>/",
            CreateProfileView.as_view(),
            name="regions_create_profile",
        )
    ]


@hooks.register("before_create_page")
def start_profiles_from_a_region(request, parent_page, page_class):
    """Send "add child page" for a profile to the region choice, which pre-fills the body."""
    if page_class is RegionProfilePage:
        return redirect("regions_create_profile", parent_page.pk)
    return None
