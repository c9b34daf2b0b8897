"""Mark a profile's PDF stale when the page is published again, and queue its rebuild.

A translated policy area, dimension or indicator marks stale the PDFs of its framework's
profiles in its language (a change to the source's text, every language's). Unpublishing a
page deletes its stored PDF.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale
from wagtail.signals import page_published, page_unpublished

from indicators.models import Dimension, Indicator, PolicyArea

from .models import ProfilePDF

logger = logging.getLogger(__name__)


@receiver(page_published)
def queue_profile_pdf_rebuild(sender, instance, revision, **kwargs):
    from regions.models import RegionProfilePage

    if not issubclass(sender, RegionProfilePage):
        return
    _mark_stale_and_queue([instance.pk])


def _mark_stale_and_queue(page_ids: list[int]) -> None:
    stored = ProfilePDF.objects.filter(page_id__in=page_ids, stale=False)
    marked = list(stored.values_list("page_id", flat=True))
    if not marked:
        return
    ProfilePDF.objects.filter(page_id__in=marked).update(stale=True)
    from .tasks import rebuild_profile_pdf

    def enqueue() -> None:
        for page_id in marked:
            rebuild_profile_pdf.enqueue(page_id)

    transaction.on_commit(enqueue)
    logger.info("Queued profile PDF rebuilds", extra={"pages": len(marked)})


@receiver(post_save, sender=PolicyArea)
@receiver(post_save, sender=Dimension)
@receiver(post_save, sender=Indicator)
def queue_rebuilds_for_framework_text(sender, instance, raw: bool = False, **kwargs):
    if raw:
        return
    from regions.models import RegionProfilePage

    pages = RegionProfilePage.objects.filter(edition__framework_id=instance.framework_id)
    if instance.locale_id != Locale.get_default().pk:
        pages = pages.filter(locale_id=instance.locale_id)
    _mark_stale_and_queue(list(pages.values_list("pk", flat=True)))


@receiver(page_unpublished)
def delete_unpublished_profile_pdf(sender, instance, **kwargs):
    for stored in ProfilePDF.objects.filter(page_id=instance.pk):
        if stored.file:
            stored.file.delete(save=False)
        stored.delete()
        logger.info("Deleted the PDF of an unpublished page", extra={"page": instance.pk})
