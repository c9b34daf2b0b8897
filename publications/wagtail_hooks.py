from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import PERMISSION, build_publication_view


@hooks.register("before_serve_page", order=-1)
def hide_pdf_of_private_pages(page, request, serve_args, serve_kwargs):
    """Answer 404, not a login or password form, for the PDF of a page with view restrictions.

    Wagtail's own check runs later, in `on_serve_page`, and would show that form.
    """
    view = serve_args[0] if serve_args else None
    if getattr(view, "__name__", "") == "pdf" and page.get_view_restrictions().exists():
        raise Http404("This profile has no public PDF.")


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
