"""Build, store and look up the PDF of a region profile."""

import hashlib
import logging
import time

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from regions.models import RegionProfilePage
from regions.page_data import display_country_name

from .models import ProfilePDF
from .rendering import clean_html, font_paths, html_to_pdf

logger = logging.getLogger(__name__)


def pdf_file_name(page: RegionProfilePage) -> str:
    """Return `<region-code>-<edition>-<language>.pdf`."""
    language = page.locale.language_code
    return f"{page.region.code}-{page.edition.slug}-{language}.pdf".lower()


def has_pdf(page: RegionProfilePage) -> bool:
    """Tell whether the page has a PDF: it is live and its edition's scores are published."""
    return page.live and page.live_revision_id is not None and page.edition.is_published


def has_public_pdf(page: RegionProfilePage) -> bool:
    """Tell whether the page's PDF may be stored and served to any reader.

    A page with view restrictions (its own or an ancestor's) has a PDF only for the readers
    who pass them, built for each request and never stored.
    """
    return has_pdf(page) and not page.get_view_restrictions().exists()


def profile_context(page: RegionProfilePage, built_at) -> dict:
    """Return the template context of one profile: the page and its `ProfileData`."""
    return {
        "page": page,
        "profile_data": page.load_profile_data(None),
        "country_name": display_country_name(page.region.country),
        "page_url": page.full_url or "",
        "built_at": built_at,
    }


def render_profile_html(page: RegionProfilePage, built_at) -> str:
    context = profile_context(page, built_at)
    context["fonts"] = font_paths()
    context["language_code"] = page.locale.language_code
    html = render_to_string("publications/profile.html", context)
    return clean_html(html, context=f"page {page.pk}")


def build_profile_pdf(page: RegionProfilePage) -> bytes:
    """Render the live version of a profile, in its locale's language, to PDF bytes."""
    built_at = timezone.now()
    with translation.override(page.locale.language_code):
        html = render_profile_html(page, built_at)
        return html_to_pdf(html, context=f"profile page {page.pk}")


def live_profile(page_id: int) -> RegionProfilePage:
    """Return the live revision of a profile page, as readers see it."""
    page = RegionProfilePage.objects.select_related("region", "edition", "locale").get(pk=page_id)
    if page.live_revision_id and page.has_unpublished_changes:
        live = page.live_revision.as_object()
        live.live_revision_id = page.live_revision_id
        # A revision contains the page as saved before its own publication, so its
        # last_published_at is the previous one. The page row has the live revision's.
        live.last_published_at = page.last_published_at
        return live
    return page


def store_profile_pdf(page: RegionProfilePage) -> ProfilePDF:
    """Build the PDF of the page's live revision and data version, and store it."""
    revision_id = page.live_revision_id
    data_version = page.edition.scores_computed_at
    start = time.perf_counter()
    content = build_profile_pdf(page)
    etag = hashlib.sha256(content).hexdigest()[:32]

    with transaction.atomic():
        stored, _ = ProfilePDF.objects.select_for_update().get_or_create(
            page_id=page.pk,
            defaults={"built_at": timezone.now(), "revision_id": revision_id},
        )
        old_file = stored.file.name if stored.file else None
        stored.file.save(f"{page.pk}-{etag}.pdf", ContentFile(content), save=False)
        stored.revision_id = revision_id
        stored.file_name = pdf_file_name(page)
        stored.data_version = data_version
        stored.etag = etag
        stored.size = len(content)
        stored.built_at = timezone.now()
        stored.stale = False
        stored.save()
    if old_file and old_file != stored.file.name:
        stored.file.storage.delete(old_file)

    logger.info(
        "Built a profile PDF",
        extra={
            "page": page.pk,
            "revision": revision_id,
            "bytes": len(content),
            "seconds": round(time.perf_counter() - start, 2),
        },
    )
    return stored


def current_profile_pdf(page: RegionProfilePage) -> ProfilePDF:
    """Return the stored PDF of the page's live revision and data version, building it if needed.

    A PDF marked stale whose rebuild has not finished yet is built here, within the request.
    """
    stored = ProfilePDF.objects.filter(page_id=page.pk).first()
    data_version = page.edition.scores_computed_at
    if stored is not None and stored.is_current(page.live_revision_id, data_version):
        return stored

    if stored is not None and stored.data_version != data_version:
        # The scores were recomputed since the last build: the edition's other PDFs are
        # out of date too, so rebuild them in the background.
        from .tasks import rebuild_edition_pdfs

        transaction.on_commit(lambda: rebuild_edition_pdfs.enqueue(page.edition_id))
    return store_profile_pdf(page)
