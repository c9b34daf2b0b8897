"""Assignments of experts and peer reviewers to a region and edition, and their review records.

The answers themselves are the `indicators` app's `Answer` rows of the expert, peer-reviewer
and final questionnaire responses. These models hold what the method adds around them: who
works on which region, the state of the work, the peer review and resolution of every
indicator, and the history of every change.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState

from indicators.models import AnswerOption, Edition, Indicator


class AssignmentState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_PEER_REVIEW = "in_peer_review", "In peer review"
    REVIEWED = "reviewed", "Reviewed"
    RESOLVED = "resolved", "Resolved"


class Assignment(models.Model):
    """The expert and peer reviewer of one region in one edition, and the state of their work."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="assignments")
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="assignments"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expert_assignments"
    )
    peer_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="peer_review_assignments"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinated_assignments",
        help_text="The coordinator who made the assignment and receives its notifications.",
    )
    state = models.CharField(
        max_length=20, choices=AssignmentState.choices, default=AssignmentState.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["edition", "region__code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "region"], name="unique_assignment"),
            models.CheckConstraint(
                name="peer_reviewer_is_not_expert",
                condition=~models.Q(expert=models.F("peer_reviewer")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition.slug} {self.region.code}"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Awaiting peer review"
    AGREED = "agreed", "Reviewer agrees"
    DISAGREED = "disagreed", "Reviewer disagrees"
    SENT_BACK = "sent_back", "Sent back to the expert"
    RESOLVED = "resolved", "Resolved"


class IndicatorReview(models.Model):
    """The peer review and the resolution of one indicator of an assignment.

    `version` increases with every write; a write made with an older version is a conflict.
    """

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reviews")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    proposed_option = models.ForeignKey(
        AnswerOption, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_not_applicable = models.BooleanField(default=False)
    reviewer_comment = models.TextField(blank=True)
    final_option = models.ForeignKey(
        AnswerOption, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    final_not_applicable = models.BooleanField(default=False)
    rationale = models.TextField(blank=True, help_text="Why the coordinator chose this answer.")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["assignment", "indicator__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "indicator"], name="unique_indicator_review"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} {self.indicator.code}"


class ChangeStep(models.TextChoices):
    ANSWER = "answer", "Expert answer"
    PEER_REVIEW = "peer_review", "Peer review"
    RESOLUTION = "resolution", "Resolution"
    SEND_BACK = "send_back", "Sent back"
    TRANSITION = "transition", "State change"


class AnswerChange(models.Model):
    """One entry of an assignment's history: who changed what, when, from what to what, and why.

    An entry without an indicator records a change of the assignment's state.
    """

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="changes")
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    step = models.CharField(max_length=20, choices=ChangeStep.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["assignment", "indicator"])]

    def __str__(self) -> str:
        return f"{self.assignment} {self.get_step_display()} {self.before!r} -> {self.after!r}"


class NoSelfApprovalTask(AbstractGroupApprovalTask):
    """A group approval task whose approver must not be the user who requested the review.

    The requester may still request changes on their own page; only "approve" is withheld.
    """

    @staticmethod
    def _requested_by(obj) -> int | None:
        workflow_state = obj.current_workflow_state
        return workflow_state.requested_by_id if workflow_state else None

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if self._requested_by(obj) == user.pk:
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and task_state.workflow_state.requested_by_id == user.pk:
            raise PermissionDenied("You cannot approve a page whose review you requested.")
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve, except the user who requested the review."

    class Meta:
        verbose_name = "Group approval task without self-approval"
        verbose_name_plural = "Group approval tasks without self-approval"


class RegionalExpertCheckTask(Task):
    """A task approved by the expert assigned to the profile's region and edition.

    Pages other than region profiles, and profiles without an assignment, can be moderated by
    superusers only.
    """

    @staticmethod
    def _is_regional_expert(obj, user) -> bool:
        # Wagtail's workflow views pass a plain Page, which lacks the profile's fields.
        obj = getattr(obj, "specific", obj)
        region_id = getattr(obj, "region_id", None)
        edition_id = getattr(obj, "edition_id", None)
        if region_id is None or not user.is_authenticated:
            return False
        return Assignment.objects.filter(
            expert_id=user.pk, region_id=region_id, edition_id=edition_id
        ).exists()

    def user_can_access_editor(self, obj, user):
        return user.is_superuser or self._is_regional_expert(obj, user)

    def locked_for_user(self, obj, user):
        return not (user.is_superuser or self._is_regional_expert(obj, user))

    def get_actions(self, obj, user):
        if user.is_superuser or self._is_regional_expert(obj, user):
            return [
                ("reject", "Request changes", True),
                ("approve", "Approve", False),
                ("approve", "Approve with comment", True),
            ]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object.specific
        if not (user.is_superuser or self._is_regional_expert(obj, user)):
            raise PermissionDenied("Only the expert assigned to this region can check its profile.")
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        from regions.models import RegionProfilePage

        # Both conditions apply to the same assignment, because they are in one filter() call.
        page_ids = RegionProfilePage.objects.filter(
            region__assignments__expert_id=user.pk,
            region__assignments__edition_id=models.F("edition_id"),
        ).values_list("pk", flat=True)
        return states.filter(workflow_state__object_id__in=[str(pk) for pk in page_ids])

    @classmethod
    def get_description(cls):
        return "The expert assigned to the profile's region and edition approves."

    class Meta:
        verbose_name = "Regional expert check"
        verbose_name_plural = "Regional expert checks"
