"""Translator groups, one per locale, and the check that keeps translators to their locales.

A member of "Translator (fr)" may edit pages of the French locale only. Wagtail's page
permissions cannot be scoped to a locale, so the groups get "change page" on the whole tree
and the `before_edit_page` hook rejects pages of other locales.

NOTE: only page editing is limited. Snippet editing and wagtail-localize's "submit for
translation" screen do not check the locale yet.
"""

import logging
import re

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Locale, Page

from .roles import EDITOR_GROUP, in_group

logger = logging.getLogger(__name__)

TRANSLATOR_GROUP_PATTERN = re.compile(r"^Translator \((?P<language_code>[\w-]+)\)$")
TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
]


def translator_group_name(language_code: str) -> str:
    return f"Translator ({language_code})"


def ensure_translator_group(locale: Locale) -> Group:
    """Create the translator group of a locale with its permissions, if it is missing."""
    group, created = Group.objects.get_or_create(name=translator_group_name(locale.language_code))
    if created:
        group.permissions.add(
            *(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
                for app_label, codename in TRANSLATOR_PERMISSIONS
            )
        )
        root = Page.get_first_root_node()
        if root is not None:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename="change_page"
                ),
            )
        logger.info("Created translator group", extra={"group": group.name})
    return group


def locale_saved(sender, instance: Locale, created: bool, raw: bool = False, **kwargs) -> None:
    """Give every new locale its translator group (a post_save receiver, connected in apps)."""
    if created and not raw:
        ensure_translator_group(instance)


def translator_language_codes(user) -> set[str]:
    """Return the language codes of the translator groups a user is in."""
    codes = set()
    for name in user.groups.values_list("name", flat=True):
        match = TRANSLATOR_GROUP_PATTERN.match(name)
        if match:
            codes.add(match["language_code"])
    return codes


def may_edit_locale(user, locale: Locale) -> bool:
    """Return whether a user's translator groups allow editing pages of `locale`.

    Users in no translator group, editors and superusers are not limited by locale.
    """
    if user.is_superuser or in_group(user, EDITOR_GROUP):
        return True
    codes = translator_language_codes(user)
    return not codes or locale.language_code in codes
