"""The admin screen that builds the publication PDF of an edition in one language."""

import logging

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from indicators.models import Edition

from .publication import build_publication, publication_file_name, published_profiles

logger = logging.getLogger(__name__)

PERMISSION = "publications.build_publication"


class PublicationForm(forms.Form):
    edition = forms.ModelChoiceField(Edition.objects.all(), label=_("Edition"))
    locale = forms.ModelChoiceField(
        Locale.objects.all(), label=_("Language"), to_field_name="language_code"
    )

    def clean(self):
        cleaned = super().clean()
        edition, locale = cleaned.get("edition"), cleaned.get("locale")
        if edition and locale and not published_profiles(edition, locale):
            raise forms.ValidationError(
                _("%(edition)s has no published public profile in %(language)s.")
                % {"edition": edition, "language": locale.get_display_name()}
            )
        return cleaned


def build_publication_view(request):
    """Show the form; on a valid POST, build the PDF and return it as a download."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = PublicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        edition, locale = form.cleaned_data["edition"], form.cleaned_data["locale"]
        logger.info(
            "Publication requested in the admin",
            extra={
                "edition": edition.slug,
                "locale": locale.language_code,
                "user": request.user.pk,
            },
        )
        content = build_publication(edition, locale)
        response = HttpResponse(content, content_type="application/pdf")
        file_name = publication_file_name(edition, locale)
        response["Content-Disposition"] = f'attachment; filename="{file_name}"'
        return response
    return TemplateResponse(request, "publications/admin/build_publication.html", {"form": form})
