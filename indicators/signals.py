"""Recompute stored scores when final answers change.

Saving or deleting a final answer (or a final response) queues its edition and region; the
scores are recomputed once per edition when the transaction commits. Bulk imports write
with `bulk_create`, which sends no signals, and call `compute_edition_scores` themselves.
"""

import logging
import threading
from collections import defaultdict

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Answer, Edition, QuestionnaireResponse, ResponseRole

logger = logging.getLogger(__name__)

_pending = threading.local()


def _queue_recompute(edition_id: int, region_id: int) -> None:
    # Every change registers a callback, because a rolled-back transaction drops its callbacks
    # but not this queue. The first callback to run empties the queue; the rest find it empty.
    queued = getattr(_pending, "regions", None)
    if queued is None:
        queued = _pending.regions = defaultdict(set)
    queued[edition_id].add(region_id)
    transaction.on_commit(_run_queued_recomputes)


def _run_queued_recomputes() -> None:
    from .scoring import compute_edition_scores

    queued = getattr(_pending, "regions", None)
    _pending.regions = None
    if not queued:
        return
    for edition in Edition.objects.filter(pk__in=list(queued)).select_related("framework"):
        compute_edition_scores(edition, region_ids=queued[edition.pk])


@receiver([post_save, post_delete], sender=Answer)
def answer_changed(sender, instance: Answer, **kwargs) -> None:
    try:
        response = instance.response
    except QuestionnaireResponse.DoesNotExist:
        return  # The response is being deleted with its answers; its own signal handles it.
    if response.role == ResponseRole.FINAL:
        _queue_recompute(response.edition_id, response.region_id)


@receiver([post_save, post_delete], sender=QuestionnaireResponse)
def response_changed(sender, instance: QuestionnaireResponse, **kwargs) -> None:
    if instance.role == ResponseRole.FINAL:
        _queue_recompute(instance.edition_id, instance.region_id)
