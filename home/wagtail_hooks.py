from wagtail import hooks

from .translation_views import translation_editor_urls


@hooks.register("register_admin_urls")
def register_translation_editor_urls():
    return translation_editor_urls()
