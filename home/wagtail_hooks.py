import logging

from django.shortcuts import redirect
from django.utils import translation
from wagtail import hooks

from .translation_buttons import allowed_buttons
from .translation_source_views import translation_source_urls
from .translation_views import translation_editor_urls

logger = logging.getLogger(__name__)


# order=-1 puts these URL patterns before wagtail-localize's, which they shadow.
@hooks.register("register_admin_urls", order=-1)
def register_translation_editor_urls():
    return translation_editor_urls() + translation_source_urls()


@hooks.register("construct_snippet_listing_buttons")
def limit_snippet_translation_buttons(buttons, snippet, user):
    buttons[:] = allowed_buttons(buttons, snippet, user)


@hooks.register("before_serve_page")
def redirect_to_page_language(page, request, serve_args, serve_kwargs):
    """Redirect a URL whose language the page is not in to the page's own URL.

    A language with no translated home page routes through the English tree, so /de/...
    would serve English pages under a German URL and `lang`. The redirect is temporary
    because a translation may be published later.
    """
    if page.locale.language_code == translation.get_language():
        return None
    logger.info(
        "Redirected to the page's language",
        extra={"page": page.pk, "requested": translation.get_language()},
    )
    return redirect(page.get_url(request))
