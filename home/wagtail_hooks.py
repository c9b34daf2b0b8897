from wagtail import hooks

from .translation_buttons import allowed_buttons
from .translation_source_views import translation_source_urls
from .translation_views import translation_editor_urls


# order=-1 puts these URL patterns before wagtail-localize's, which they shadow.
@hooks.register("register_admin_urls", order=-1)
def register_translation_editor_urls():
    return translation_editor_urls() + translation_source_urls()


@hooks.register("construct_snippet_listing_buttons")
def limit_snippet_translation_buttons(buttons, snippet, user):
    buttons[:] = allowed_buttons(buttons, snippet, user)
