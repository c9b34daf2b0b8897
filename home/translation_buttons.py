"""wagtail-localize's "Translate" and "Sync" buttons, shown to translators only where allowed.

wagtail-localize (1.14) shows "Translate this page" when any locale lacks a translation and
"Sync translated pages" when a page has translations, to anyone with the "submit
translation" permission. For a translator, the buttons must follow the limits of
`home.translation_source_views`: "Translate" only while one of their languages lacks a
translation, "Sync" only when every translation is in their languages.
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from questionnaires.translators import editable_language_codes

from .translation_source_views import sync_rejection, untranslated_locales


def _url_path(button) -> str:
    return str(button.url).split("?", 1)[0]


def is_button_allowed(button, instance, user) -> bool:
    """Return whether a wagtail-localize button for `instance` leads to an allowed action."""
    language_codes = editable_language_codes(user)
    if language_codes is None:
        return True

    url = _url_path(button)
    # The paths of wagtail-localize's submit views (pages and snippets) and its sync view.
    localize_prefix = reverse("wagtailadmin_home") + "localize/"
    if url.startswith(localize_prefix + "submit/"):
        return untranslated_locales(instance).filter(language_code__in=language_codes).exists()
    if url.startswith(localize_prefix + "update/"):
        source = TranslationSource.objects.get_for_instance_or_none(instance)
        return source is None or sync_rejection(user, source) is None
    return True


def allowed_buttons(buttons: Iterable, instance, user) -> list:
    return [button for button in buttons if is_button_allowed(button, instance, user)]


def limit_page_buttons(hook: Callable) -> Callable:
    """Wrap wagtail-localize's page button hook so it drops buttons the user may not use."""

    def limited(page: Page, user, view_name=None, next_url=None) -> list:
        buttons = hook(page=page, user=user, view_name=view_name, next_url=next_url)
        return allowed_buttons(buttons, page, user)

    limited.__name__ = f"limited_{hook.__name__}"
    return limited


def replace_hook(hook_name: str, original: Callable, replacement: Callable) -> None:
    """Put `replacement` in place of `original` among the functions of `hook_name`.

    NOTE: Wagtail 7.4 has no API to remove a hook or to change the page header buttons, so
    this edits its registry `wagtail.hooks._hooks`. It keeps the hook's position and order.
    """
    hooks.search_for_hooks()
    entries = hooks._hooks.get(hook_name, [])
    for index, (function, order) in enumerate(entries):
        if function is original:
            entries[index] = (replacement, order)
            return
    raise ImproperlyConfigured(
        f"{original.__module__}.{original.__qualname__} is not registered for the Wagtail "
        f"hook {hook_name!r}; check the button limits in {__name__} against the installed "
        "wagtail-localize."
    )


def limit_localize_page_buttons() -> None:
    """Replace wagtail-localize's page buttons with ones limited to translator locales."""
    from wagtail_localize import wagtail_hooks as localize_hooks

    original = localize_hooks.page_listing_more_buttons
    limited = limit_page_buttons(original)
    for hook_name in ("register_page_header_buttons", "register_page_listing_more_buttons"):
        replace_hook(hook_name, original, limited)
