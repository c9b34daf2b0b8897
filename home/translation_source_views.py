"""wagtail-localize's "Translate" and "Sync translations" views, limited to translator locales.

wagtail-localize (1.14) offers every locale to anyone with the "submit translation"
permission, and its sync view updates every translation of a source. Translator groups have
that permission, so these subclasses add the locale limit of
`questionnaires.translators.editable_language_codes`:

- "Translate" offers a translator only their own languages, and a POST naming another
  locale fails validation with a message that names it. Nothing is created then.
- "Sync translations" first updates the shared source (new and changed text becomes
  untranslated segments in every language) and then saves each enabled translation. It
  cannot be limited to some translations, so a translator may sync only when every
  enabled translation of the source is in their languages.

Editors, superusers and users in no translator group keep every locale.
"""

import functools
import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.views import submit_translations, update_translations

from questionnaires.translators import (
    editable_language_codes,
    language_names,
    locales_outside,
)

logger = logging.getLogger(__name__)


def untranslated_locales(instance) -> QuerySet:
    """Return the locales `instance` has no translation in, as wagtail-localize's form does.

    Page aliases do not count as translations: submitting one replaces the alias.
    """
    existing = instance.get_translations(inclusive=True)
    if isinstance(instance, Page):
        existing = existing.exclude(alias_of__isnull=False)
    return Locale.objects.exclude(id__in=existing.values_list("locale_id", flat=True))


def sync_rejection(user, source: TranslationSource) -> str | None:
    """Return why `user` may not sync the translations of `source`, or None if they may."""
    target_locales = Locale.objects.filter(
        translations__source=source, translations__enabled=True
    ).distinct()
    outside = locales_outside(user, target_locales)
    if not outside:
        return None
    return _(
        "Syncing “%(title)s” updates its translations into every language, and you do not "
        "translate into %(languages)s. Ask an editor to sync it."
    ) % {
        "title": source.object_repr,
        "languages": language_names(locale.language_code for locale in outside),
    }


def _reject_locales_outside(language_codes: set[str], values) -> None:
    """Validate the submitted locale ids against the translator's languages."""
    rejected = Locale.objects.filter(pk__in=values).exclude(language_code__in=language_codes)
    if rejected:
        raise ValidationError(
            _(
                "You translate into %(own)s, so you cannot submit translations into "
                "%(rejected)s. Choose one of your languages."
            )
            % {
                "own": language_names(language_codes),
                "rejected": language_names(locale.language_code for locale in rejected),
            },
            code="locale_not_translated_by_user",
        )


def limit_locale_choices(form: forms.Form, language_codes: set[str]) -> None:
    """Offer only `language_codes` in a submit form, and reject other locales on validation.

    The field keeps wagtail-localize's queryset, so a POST naming another untranslated
    locale reaches the validator and gets a message naming its language, rather than
    Django's "Select a valid choice".
    """
    field = form.fields["locales"]
    offered = field.queryset.filter(language_code__in=language_codes)
    field.widget.choices = [(locale.pk, field.label_from_instance(locale)) for locale in offered]
    field.validators.append(functools.partial(_reject_locales_outside, language_codes))

    if len(offered) < 2:
        form.fields["select_all"].widget = forms.HiddenInput()
    if not offered:
        field.help_text = _(
            "Every language you translate into (%(own)s) already has a translation."
        ) % {"own": language_names(language_codes)}


class LocaleLimitedSubmitMixin:
    """Limit wagtail-localize's submit form to the languages the user translates into."""

    def get_form(self):
        form = super().get_form()
        language_codes = editable_language_codes(self.request.user)
        if language_codes is not None:
            limit_locale_choices(form, language_codes)
        return form

    def form_valid(self, form):
        logger.info(
            "Submitted for translation",
            extra={
                "user": self.request.user.pk,
                "object": str(self.object.pk),
                "locales": [locale.language_code for locale in form.cleaned_data["locales"]],
            },
        )
        return super().form_valid(form)


class SubmitPageTranslationView(
    LocaleLimitedSubmitMixin, submit_translations.SubmitPageTranslationView
):
    pass


class SubmitSnippetTranslationView(
    LocaleLimitedSubmitMixin, submit_translations.SubmitSnippetTranslationView
):
    pass


def may_publish_translations(user, source: TranslationSource) -> bool:
    """Return whether `user` may publish every translated page of `source`.

    Snippets without drafts are always saved live, so they need no publish permission.
    """
    for translation in source.translations.filter(enabled=True):
        target = translation.get_target_instance()
        if isinstance(target, Page) and not target.permissions_for_user(user).can_publish():
            return False
    return True


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """wagtail-localize's sync view, rejected for translators of only some of its languages.

    "Publish immediately" is disabled for a user who may not publish every translated page,
    so that user's sync only updates the text to translate.
    """

    def get_form(self):
        form = super().get_form()
        if not may_publish_translations(self.request.user, self.object):
            field = form.fields["publish_translations"]
            field.disabled = True
            field.initial = False
            field.help_text = _(
                "You may not publish these translations. Syncing updates the text to "
                "translate, and an editor publishes the translations."
            )
        return form

    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, pk=kwargs["translation_source_id"])
        rejection = sync_rejection(request.user, source)
        if rejection is None:
            return super().dispatch(request, *args, **kwargs)

        logger.warning(
            "Rejected a translator's sync outside their locale",
            extra={"user": request.user.pk, "translation_source": source.pk},
        )
        messages.error(request, rejection)
        self.object = source
        return redirect(self.get_success_url() or self.get_default_success_url())


def translation_source_urls() -> list:
    """Return URL patterns that shadow wagtail-localize's submit and sync views.

    Like `home.translation_views.translation_editor_urls`, they repeat wagtail-localize's
    paths under the admin and must be registered before wagtail-localize's own.
    """
    return [
        path("localize/submit/page/<int:page_id>/", SubmitPageTranslationView.as_view()),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationView.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsView.as_view(),
        ),
    ]
