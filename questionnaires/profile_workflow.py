"""The "Profile review" page workflow: regional expert check, editorial approval, publication.

Wagtail publishes the page, or schedules it when its revision has a go-live date, once the
last task is approved. Editors compare revisions with Wagtail's own revision views.
"""

import logging

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from .models import NoSelfApprovalTask, RegionalExpertCheckTask
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
