"""Emails sent to the next person of the review method after each transition."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from .models import Assignment

logger = logging.getLogger(__name__)


def notify(assignment: Assignment, recipients: list, subject: str, message: str) -> None:
    """Email `message` with a link to the assignment to every recipient that has an address."""
    addresses = sorted({user.email for user in recipients if user is not None and user.email})
    if not addresses:
        logger.warning(
            "No email address to notify",
            extra={"assignment": assignment.pk, "subject": subject},
        )
        return

    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    link = base_url + reverse("questionnaires:assignment", args=[assignment.pk])
    body = f"{message}\n\nRegion {assignment.region}, edition {assignment.edition}.\n{link}\n"
    send_mail(
        f"[MIPEX-REG] {assignment.region.code}: {subject}",
        body,
        None,
        addresses,
    )
