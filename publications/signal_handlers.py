"""Mark a profile's PDF stale when the page is published again, and queue its rebuild.

Unpublishing a page deletes its stored PDF.
"""

import logging

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import ProfilePDF

logger = logging.getLogger(__name__)


@receiver(page_published)
def queue_profile_pdf_rebuild(sender, instance, revision, **kwargs):
    from regions.models import RegionProfilePage

    if not issubclass(sender, RegionProfilePage):
        return
    marked = ProfilePDF.objects.filter(page_id=instance.pk).update(stale=True)
    if marked:
        from .tasks import rebuild_profile_pdf

        page_id = instance.pk
        transaction.on_commit(lambda: rebuild_profile_pdf.enqueue(page_id))
        logger.info("Queued a profile PDF rebuild", extra={"page": page_id})


@receiver(page_unpublished)
def delete_unpublished_profile_pdf(sender, instance, **kwargs):
    for stored in ProfilePDF.objects.filter(page_id=instance.pk):
        if stored.file:
            stored.file.delete(save=False)
        stored.delete()
        logger.info("Deleted the PDF of an unpublished page", extra={"page": instance.pk})
