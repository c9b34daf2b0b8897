"""Background rebuilds of profile PDFs, run by the django-tasks worker (`manage.py db_worker`)."""

import logging

from django_tasks import task

from regions.models import RegionProfilePage

from .builder import has_public_pdf, live_profile, store_profile_pdf
from .models import ProfilePDF

logger = logging.getLogger(__name__)


@task()
def rebuild_profile_pdf(page_id: int) -> None:
    """Rebuild the PDF of one profile page, unless it has no public PDF any more."""
    try:
        page = live_profile(page_id)
    except RegionProfilePage.DoesNotExist:
        logger.warning("Skipped a PDF rebuild: profile page not found", extra={"page": page_id})
        return
    if not has_public_pdf(page):
        ProfilePDF.objects.filter(page_id=page_id).delete()
        return
    store_profile_pdf(page)


@task()
def rebuild_edition_pdfs(edition_id: int) -> None:
    """Rebuild every stored profile PDF of an edition whose data version is out of date."""
    pages = RegionProfilePage.objects.live().filter(edition_id=edition_id).select_related("edition")
    for page in pages:
        stored = ProfilePDF.objects.filter(page_id=page.pk).first()
        if stored is None or stored.is_current(
            page.live_revision_id, page.edition.scores_computed_at
        ):
            continue
        rebuild_profile_pdf.call(page.pk)
