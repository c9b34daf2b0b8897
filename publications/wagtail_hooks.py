from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import PERMISSION, build_publication_view


class PublicationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_publication_url():
    return [path("publications/build/", build_publication_view, name="publications_build")]


@hooks.register("register_admin_menu_item")
def register_publication_menu_item():
    return PublicationMenuItem(
        _("Publication PDF"), reverse("publications_build"), icon_name="doc-full", order=900
    )
