"""The "Profile review" page workflow: regional expert check, editorial approval, publication.

Wagtail publishes the page, or schedules it when its revision has a go-live date, once the
last task is approved. Editors compare revisions with Wagtail's own revision views. Wagtail
emails the Editor group when a page reaches the editorial approval; `notify_regional_expert`
emails the assigned expert when a page reaches the expert check.
"""

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from wagtail.models import Page, TaskState, Workflow, WorkflowPage, WorkflowTask

from .models import Assignment, NoSelfApprovalTask, RegionalExpertCheckTask
from .roles import EDITOR_GROUP

logger = logging.getLogger(__name__)

WORKFLOW_NAME = "Profile review"
EXPERT_TASK_NAME = "Regional expert check"
EDITOR_TASK_NAME = "Editorial approval"


@transaction.atomic
def ensure_profile_review_workflow(pages: list[Page] = ()) -> Workflow:
    """Create the workflow and its tasks if missing, and apply it to `pages` and their subpages.

    Running it again changes nothing that exists, so it is safe in `load_demo`.
    """
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        expert_task = RegionalExpertCheckTask.objects.create(name=EXPERT_TASK_NAME)
        editor_task = NoSelfApprovalTask.objects.create(name=EDITOR_TASK_NAME)
        editor_task.groups.set([Group.objects.get(name=EDITOR_GROUP)])
        WorkflowTask.objects.create(workflow=workflow, task=expert_task, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=editor_task, sort_order=1)
        logger.info("Created the profile review workflow", extra={"workflow": workflow.pk})

    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def notify_regional_expert(sender, instance: TaskState, user=None, **kwargs) -> None:
    """Email the experts assigned to a profile's region when it reaches their check.

    A `task_submitted` receiver, connected in `questionnaires.apps`.
    """
    if not isinstance(instance.task.specific, RegionalExpertCheckTask):
        return
    page = instance.workflow_state.content_object.specific
    assignments = Assignment.objects.filter(
        region_id=getattr(page, "region_id", None), edition_id=getattr(page, "edition_id", None)
    ).select_related("expert")
    addresses = sorted({a.expert.email for a in assignments if a.expert.email})
    if not addresses:
        logger.warning("No regional expert to notify", extra={"page": page.pk})
        return

    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    link = base_url + reverse("wagtailadmin_pages:edit", args=[page.pk])
    requested_by = user.get_username() if user is not None else "An editor"
    send_mail(
        f'[MIPEX-REG] Profile "{page.title}" awaits your expert check',
        f"{requested_by} asks you to check the profile of your region before editorial "
        f"approval. Approve it or request changes:\n{link}\n",
        None,
        addresses,
    )
