"""Wagtail admin registration for the indicators app."""

import logging

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet

from questionnaires.translators import may_edit_translation

from . import import_views
from .viewsets import IndexDataGroup

logger = logging.getLogger(__name__)

register_snippet(IndexDataGroup)


# Import screens for framework and questionnaire response files, in a "Data imports" submenu.


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


@hooks.register("before_edit_snippet", order=-1)
def limit_translators_to_their_locales(request, instance):
    """Reject a translator from editing anything but a synced translation into their locales.

    Runs before wagtail-localize's hook, which replaces the edit view of a translated
    snippet with the translation editor. The English rows and stopped translations open in
    the full form, which offers codes, order and weights.
    """
    if not isinstance(instance, TranslatableMixin) or may_edit_translation(request.user, instance):
        return
    logger.warning(
        "Rejected a translator's snippet edit",
        extra={"user": request.user.pk, "model": instance._meta.label, "object": instance.pk},
    )
    raise PermissionDenied(
        _(
            "Translators edit only synced translations into their languages, and this "
            "%(model)s in %(language)s is not one."
        )
        % {"model": instance._meta.verbose_name, "language": instance.locale.get_display_name()}
    )
