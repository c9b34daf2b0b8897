"""Translator groups, one per locale, and the check that keeps translators to their locales.

A member of "Translator (fr)" may edit pages of the French locale only. Wagtail's page
permissions cannot be scoped to a locale, so the groups get "change page" on the whole tree,
and the page hooks in `questionnaires.wagtail_hooks` and the wagtail-localize views in `home`
reject pages and translations of other locales.

Snippets of the framework are limited the same way by a `before_edit_snippet` hook in
`indicators.wagtail_hooks`.
"""

import logging
import re
from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.coreutils import get_content_languages
from wagtail.models import GroupPagePermission, Locale, Page

from .roles import EDITOR_GROUP, in_group

logger = logging.getLogger(__name__)

TRANSLATOR_GROUP_PATTERN = re.compile(r"^Translator \((?P<language_code>[\w-]+)\)$")
TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    # Translators open the translation editor of these snippets through their edit view;
    # the `before_edit_snippet` hook in indicators keeps them to their locales.
    ("indicators", "policyarea", "change_policyarea"),
    ("indicators", "dimension", "change_dimension"),
    ("indicators", "indicator", "change_indicator"),
]


def translator_group_name(language_code: str) -> str:
    return f"Translator ({language_code})"


def _permission(app_label: str, model: str, codename: str) -> Permission:
    # get_or_create, because post_migrate may run this before Django creates the permissions.
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def ensure_translator_group(locale: Locale) -> Group:
    """Create the translator group of a locale if it is missing, and give it its permissions.

    Permissions added to `TRANSLATOR_PERMISSIONS` later reach existing groups on the next
    migrate.
    """
    group, created = Group.objects.get_or_create(name=translator_group_name(locale.language_code))
    group.permissions.add(*(_permission(*key) for key in TRANSLATOR_PERMISSIONS))
    if created:
        root = Page.get_first_root_node()
        if root is not None:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=_permission("wagtailcore", "page", "change_page"),
            )
        logger.info("Created translator group", extra={"group": group.name})
    return group


def ensure_translator_groups(**kwargs) -> None:
    """Create the missing translator group of every locale (a post_migrate receiver).

    Locales created by data migrations or in bulk send no post_save signal, so their groups
    are created here after each migrate.
    """
    for locale in Locale.objects.all():
        ensure_translator_group(locale)


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


def editable_language_codes(user) -> set[str] | None:
    """Return the language codes a user may edit, or None when no locale limit applies.

    Users in no translator group, editors and superusers are not limited by locale.
    """
    if user.is_superuser or in_group(user, EDITOR_GROUP):
        return None
    return translator_language_codes(user) or None


def may_edit_locale(user, locale: Locale) -> bool:
    """Return whether a user's translator groups allow editing pages of `locale`."""
    codes = editable_language_codes(user)
    return codes is None or locale.language_code in codes


def is_synced_translation(instance) -> bool:
    """Return whether a page or snippet is the target of an enabled wagtail-localize translation.

    Wagtail opens such an object in the translation editor, which offers only its text.
    """
    from wagtail_localize.models import Translation

    return Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
        enabled=True,
    ).exists()


def may_edit_translation(user, instance) -> bool:
    """Return whether `user` may open a page or translatable snippet for editing.

    A translator edits only synced translations into their languages. Other objects (the
    English sources, stopped translations, pages made without wagtail-localize) open in
    Wagtail's full editor, where region, edition, codes and weights could be changed.
    """
    codes = editable_language_codes(user)
    if codes is None:
        return True
    return instance.locale.language_code in codes and is_synced_translation(instance)


def locales_outside(user, locales: Iterable[Locale]) -> list[Locale]:
    """Return the locales among `locales` that the user may not edit."""
    codes = editable_language_codes(user)
    if codes is None:
        return []
    return [locale for locale in locales if locale.language_code not in codes]


def language_names(language_codes: Iterable[str]) -> str:
    """Return the display names of content languages, sorted and joined with commas."""
    names = get_content_languages()
    return ", ".join(sorted(names.get(code, code) for code in language_codes))
