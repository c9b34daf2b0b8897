"""Demo assignments: every demo region has an expert and a peer reviewer; one is in peer review.

The demo's answers are loaded by `indicators.demo.loader`; this module only adds the review
records around them. The demo users have unusable passwords: an administrator sets one in
the Wagtail admin to log in as them.
"""

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from indicators.models import Answer, Edition, ResponseRole
from regions.models import Region

from .models import (
    AnswerChange,
    Assignment,
    AssignmentState,
    ChangeStep,
    IndicatorReview,
    ReviewStatus,
)
from .profile_workflow import ensure_profile_review_workflow
from .roles import COORDINATOR_GROUP, EDITOR_GROUP, EXPERT_GROUP, PEER_REVIEWER_GROUP
from .services import answerable_indicators

logger = logging.getLogger(__name__)

# The demo region left in peer review, with this many indicators reviewed so far.
IN_PEER_REVIEW_REGION = "DE80"
REVIEWED_SO_FAR = 10
DEMO_RATIONALE = "Demo data: synthetic resolution."


@dataclass(frozen=True)
class DemoReviewSummary:
    assignments_created: int
    in_peer_review: str


def _demo_user(username: str, group: str, first_name: str, last_name: str):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.org",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=group))
    return user


def _answers(edition: Edition, region: Region, role: str) -> dict[int, Answer]:
    answers = Answer.objects.filter(
        response__edition=edition, response__region=region, response__role=role
    )
    return {answer.indicator_id: answer for answer in answers}


def _reviews(assignment: Assignment, resolved: bool) -> list[IndicatorReview]:
    """Build the review of every indicator from the demo's expert, reviewer and final answers."""
    expert = _answers(assignment.edition, assignment.region, ResponseRole.EXPERT)
    reviewer = _answers(assignment.edition, assignment.region, ResponseRole.PEER_REVIEWER)
    final = _answers(assignment.edition, assignment.region, ResponseRole.FINAL)
    now = timezone.now()

    reviews = []
    indicators = answerable_indicators(assignment.edition.framework_id)
    for position, indicator in enumerate(indicators):
        review = IndicatorReview(assignment=assignment, indicator=indicator)
        proposal = reviewer.get(indicator.pk)
        if resolved or position < REVIEWED_SO_FAR:
            expert_answer = expert.get(indicator.pk)
            agrees = (
                proposal is None
                or expert_answer is None
                or (proposal.option_id, proposal.is_not_applicable)
                == (expert_answer.option_id, expert_answer.is_not_applicable)
            )
            review.status = ReviewStatus.AGREED if agrees else ReviewStatus.DISAGREED
            if proposal is not None:
                review.proposed_option_id = proposal.option_id
                review.proposed_not_applicable = proposal.is_not_applicable
                review.reviewer_comment = "" if agrees else proposal.comment
        if resolved:
            final_answer = final.get(indicator.pk)
            review.status = ReviewStatus.RESOLVED
            if final_answer is not None:
                review.final_option_id = final_answer.option_id
                review.final_not_applicable = final_answer.is_not_applicable
            review.rationale = DEMO_RATIONALE
            review.resolved_by = assignment.coordinator
            review.resolved_at = now
        reviews.append(review)
    return reviews


@transaction.atomic
def load_demo_review(
    edition: Edition, region_codes: tuple[str, ...], pages=()
) -> DemoReviewSummary:
    """Create the demo users and the missing assignments, and apply the profile workflow.

    Regions that already have an assignment for `edition` are left as they are.
    """
    coordinator = _demo_user("demo-coordinator", COORDINATOR_GROUP, "Demo", "Coordinator")
    _demo_user("demo-editor", EDITOR_GROUP, "Demo", "Editor")
    ensure_profile_review_workflow(list(pages))

    created = 0
    for region in Region.objects.filter(code__in=region_codes).order_by("code"):
        if Assignment.objects.filter(edition=edition, region=region).exists():
            continue
        code = region.code.lower()
        in_review = region.code == IN_PEER_REVIEW_REGION
        assignment = Assignment.objects.create(
            edition=edition,
            region=region,
            expert=_demo_user(f"demo-expert-{code}", EXPERT_GROUP, "Expert", region.code),
            peer_reviewer=_demo_user(
                f"demo-reviewer-{code}", PEER_REVIEWER_GROUP, "Reviewer", region.code
            ),
            coordinator=coordinator,
            state=AssignmentState.IN_PEER_REVIEW if in_review else AssignmentState.RESOLVED,
        )
        IndicatorReview.objects.bulk_create(_reviews(assignment, resolved=not in_review))
        AnswerChange.objects.create(
            assignment=assignment,
            step=ChangeStep.TRANSITION,
            user=coordinator,
            before="",
            after=assignment.state,
            comment="Demo data: assignment loaded in this state.",
        )
        created += 1

    logger.info(
        "Loaded the demo assignments",
        extra={"edition": edition.slug, "assignments_created": created},
    )
    return DemoReviewSummary(created, IN_PEER_REVIEW_REGION)
