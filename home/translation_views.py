"""wagtail-localize's translation editor views, limited to the translator's own locale.

wagtail-localize (1.14) lets anyone who may edit a page in Wagtail's permission model
download, upload and change the strings of any of its translations. Translator groups
get "change page" on the whole tree, so these wrappers add the locale check of
`questionnaires.translators.may_edit_locale` in front of every view that takes a
translation. Stopping a translation and "Convert to alias page" are for editors only. The
PO upload also rejects a file made for another page or language with a message that names
both.
"""

import contextlib
import functools
import logging
import os
import tempfile
import uuid

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import Translation
from wagtail_localize.views import convert, edit_translation

from questionnaires.translators import (
    editable_language_codes,
    may_edit_locale,
)

logger = logging.getLogger(__name__)

TRANSLATION_ID_HEADER = "X-WagtailLocalize-TranslationID"


def limit_to_translator_locale(view):
    """Wrap a view taking `translation_id` so it raises PermissionDenied for other locales."""

    @functools.wraps(view)
    def wrapped(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(Translation, pk=translation_id)
        if not may_edit_locale(request.user, translation.target_locale):
            logger.warning(
                "Rejected a translator outside their locale",
                extra={
                    "user": request.user.pk,
                    "translation": translation.pk,
                    "locale": translation.target_locale.language_code,
                },
            )
            raise PermissionDenied(
                _("You translate into other languages than %(language)s.")
                % {"language": translation.target_locale.get_display_name()}
            )
        return view(request, translation_id, *args, **kwargs)

    return wrapped


def describe_translation(translation: Translation) -> str:
    return _("“%(title)s” in %(language)s") % {
        "title": translation.source.object_repr,
        "language": translation.target_locale.get_display_name(),
    }


def po_file_error(uploaded_file, translation: Translation) -> str | None:
    """Return why an uploaded PO file does not belong to `translation`, or None if it does."""
    # polib reads a path when given a string that names an existing file, so the upload is
    # parsed from a temporary file rather than from its text.
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as temporary:
        temporary.write(uploaded_file.read())
    uploaded_file.seek(0)
    try:
        po = polib.pofile(temporary.name)
    except (OSError, UnicodeDecodeError):
        return _("The uploaded file is not a valid PO file.")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary.name)

    expected = describe_translation(translation)
    uploaded_id = po.metadata.get(TRANSLATION_ID_HEADER)
    if not uploaded_id:
        return _(
            "The uploaded PO file has no %(header)s header, so it was not downloaded from a "
            "translation editor. Download the PO file of %(expected)s and upload it again."
        ) % {"header": TRANSLATION_ID_HEADER, "expected": expected}
    if uploaded_id == str(translation.uuid):
        return None

    other = Translation.objects.filter(uuid=uploaded_id).first() if _is_uuid(uploaded_id) else None
    if other is None:
        return _(
            "The uploaded PO file belongs to a translation that no longer exists. Download "
            "the PO file of %(expected)s and upload it again."
        ) % {"expected": expected}
    return _(
        "The uploaded PO file is for %(uploaded)s, but this translation is %(expected)s. "
        "Upload the PO file downloaded from %(expected)s."
    ) % {"uploaded": describe_translation(other), "expected": expected}


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@require_POST
def upload_pofile(request, translation_id):
    """Import an uploaded PO file with wagtail-localize if it is this translation's file."""
    translation = get_object_or_404(Translation, pk=translation_id)
    uploaded_file = request.FILES.get("file")
    error = (
        po_file_error(uploaded_file, translation)
        if uploaded_file
        else _("No file was uploaded. Choose the PO file of this translation.")
    )
    if error is None:
        return edit_translation.upload_pofile(request, translation_id)

    logger.info(
        "Rejected a PO file upload",
        extra={"user": request.user.pk, "translation": translation.pk, "error": error},
    )
    messages.error(request, error)
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


def reject_translators(view):
    """Wrap a view so that only users not limited to some locales may run it.

    Stopping a translation and converting a page to an alias are editors' decisions: a
    stopped translation opens in Wagtail's full editor, and an alias replaces the
    translated text with the source's.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if editable_language_codes(request.user) is None:
            return view(request, *args, **kwargs)
        logger.warning(
            "Rejected a translator's editor-only translation action",
            extra={"user": request.user.pk, "view": view.__name__},
        )
        messages.error(
            request, _("Only editors can stop a translation or convert a page to an alias.")
        )
        return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))

    return wrapped


def translation_editor_urls() -> list:
    """Return URL patterns that shadow wagtail-localize's views taking a translation.

    They repeat wagtail-localize's paths under the admin, so they must be registered
    before wagtail-localize's own (the `home` app comes first in INSTALLED_APPS).
    """
    guarded = [
        ("strings/<int:string_segment_id>/edit/", edit_translation.edit_string_translation),
        ("overrides/<int:overridable_segment_id>/edit/", edit_translation.edit_override),
        ("pofile/download/", edit_translation.download_pofile),
        ("pofile/upload/", upload_pofile),
        ("machine_translate/", edit_translation.machine_translate),
        ("preview/", edit_translation.preview_translation),
        ("preview/<str:mode>/", edit_translation.preview_translation),
        ("disable/", reject_translators(edit_translation.stop_translation)),
    ]
    return [
        path(f"localize/translate/<int:translation_id>/{suffix}", limit_to_translator_locale(view))
        for suffix, view in guarded
    ] + [
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            reject_translators(convert.convert_to_alias),
        )
    ]
