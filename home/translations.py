"""Translating pages and snippets through wagtail-localize from code, for the demo and tests.

Translations made here go through the same records as the translation editor
(`TranslationSource`, `Translation`, `StringTranslation`), so translators see and can
change them in the editor, and the source's synchronised fields are copied on each save.
"""

import logging
from collections.abc import Mapping

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

logger = logging.getLogger(__name__)


@transaction.atomic
def translate_object(
    instance: TranslatableMixin,
    locale: Locale,
    strings: Mapping[str, str],
    *,
    user=None,
    publish: bool = True,
) -> TranslatableMixin:
    """Translate a page or translatable snippet into `locale` and return the translation.

    `strings` maps the text of a source segment to its translation. Segments missing from it
    keep the source text. Running it again updates the source from the object, replaces the
    stored translations and saves the translation again, so it is safe to repeat. Snippets
    without drafts are saved live regardless of `publish`.
    """
    if isinstance(instance, Page):
        instance = instance.specific
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )

    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    translated = 0
    for segment in segments:
        text = strings.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
                "has_error": False,
            },
        )
        translated += 1

    translation.save_target(user=user, publish=publish)
    logger.info(
        "Translated object",
        extra={
            "model": instance._meta.label,
            "object": instance.pk,
            "locale": locale.language_code,
            "segments": segments.count(),
            "translated": translated,
        },
    )
    return instance.get_translation(locale)


def translate_page(
    page: Page, locale: Locale, strings: Mapping[str, str], *, user=None, publish: bool = True
) -> Page:
    """Translate `page` into `locale` and return the translated page; see `translate_object`."""
    return translate_object(page, locale, strings, user=user, publish=publish)


def sync_all_translations(*, user=None, publish: bool = False) -> int:
    """Update every translation source from its object and save each enabled translation.

    This is the "Sync translated pages" action of wagtail-localize for every source: new or
    changed source text becomes untranslated segments, and synchronised fields (scores'
    references, region, edition) are copied again. Translations are saved as drafts unless
    `publish` is true; objects without drafts (snippets) are always saved live. Returns the
    number of translations saved.
    """
    saved = 0
    for source in TranslationSource.objects.select_related("locale").order_by("pk"):
        try:
            source.update_from_db()
        except ObjectDoesNotExist:
            logger.warning(
                "Skipped a translation source whose object was deleted",
                extra={"source": source.pk},
            )
            continue
        has_drafts = issubclass(source.specific_content_type.model_class(), DraftStateMixin)
        for translation in source.translations.filter(enabled=True).select_related("target_locale"):
            translation.save_target(user=user, publish=publish or not has_drafts)
            saved += 1
    logger.info("Synced translations", extra={"translations": saved, "published": publish})
    return saved
