"""Wagtail admin registration for the indicators app."""

from wagtail.snippets.models import register_snippet

from .viewsets import IndexDataGroup

register_snippet(IndexDataGroup)


# Import screens for framework and questionnaire response files, in a "Data imports" submenu.

from django.urls import include, path, reverse  # noqa: E402
from wagtail import hooks  # noqa: E402
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem  # noqa: E402

from . import import_views  # noqa: E402


@hooks.register("register_admin_urls")
def register_import_urls():
    urls = [
        path("responses/", import_views.ResponsesImportView.as_view(), name="responses"),
        path(
            "responses/confirm/",
            import_views.ConfirmResponsesImportView.as_view(),
            name="responses_confirm",
        ),
        path("framework/", import_views.FrameworkImportView.as_view(), name="framework"),
        path(
            "framework/confirm/",
            import_views.ConfirmFrameworkImportView.as_view(),
            name="framework_confirm",
        ),
    ]
    return [path("indicators/import/", include((urls, "indicators_import")))]


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with one permission."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_data_imports_menu():
    return SubmenuMenuItem(
        "Data imports",
        Menu(register_hook_name="register_data_imports_menu_item"),
        icon_name="upload",
        order=900,
    )


@hooks.register("register_data_imports_menu_item")
def register_responses_import_menu_item():
    return PermissionMenuItem(
        "Import responses",
        reverse("indicators_import:responses"),
        icon_name="upload",
        permission=import_views.ResponsesImportView.permission,
        order=100,
    )


@hooks.register("register_data_imports_menu_item")
def register_framework_import_menu_item():
    return PermissionMenuItem(
        "Import framework",
        reverse("indicators_import:framework"),
        icon_name="upload",
        permission=import_views.FrameworkImportView.permission,
        order=200,
    )


# Translators may change the framework's snippets in their own locales only.

from django.core.exceptions import PermissionDenied  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from wagtail.models import TranslatableMixin  # noqa: E402

from questionnaires.translators import may_edit_locale  # noqa: E402


@hooks.register("before_edit_snippet", order=-1)
def limit_translators_to_their_locales(request, instance):
    """Reject a translator from the edit view (and so the translation editor) of other locales.

    Runs before wagtail-localize's hook, which replaces the edit view of a translated
    snippet with the translation editor.
    """
    if isinstance(instance, TranslatableMixin) and not may_edit_locale(
        request.user, instance.locale
    ):
        raise PermissionDenied(
            _("You translate into other languages than %(language)s, so you cannot edit this.")
            % {"language": instance.locale.get_display_name()}
        )
