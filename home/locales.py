"""The Wagtail locales of the content languages set in `WAGTAIL_CONTENT_LANGUAGES`."""

import logging

from django.conf import settings
from wagtail.models import Locale

logger = logging.getLogger(__name__)


def ensure_content_locales(**kwargs) -> list[Locale]:
    """Create a `Locale` for each content language that has none, and return the new ones.

    Connected to `post_migrate`, so a fresh database and a language added to the settings
    both get their locale on the next `migrate`. Saving through the model sends
    `post_save`, which gives each new locale its translator group.
    """
    existing = set(Locale.objects.values_list("language_code", flat=True))
    created = []
    for language_code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if language_code not in existing:
            created.append(Locale.objects.create(language_code=language_code))
            logger.info("Created locale", extra={"language_code": language_code})
    return created
