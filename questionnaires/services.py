"""The review method as a state machine: every action checks role, region and state first.

draft --submit--> submitted --start_peer_review--> in peer review --finish_peer_review-->
reviewed --resolve_indicator (last one)--> resolved. A coordinator may send a disagreement
back to the expert, which returns the assignment to draft for that indicator only.

Refusals raise `PermissionDenied` (wrong user for the step or region, or own answers) or
`InvalidTransition` (wrong state or incomplete work); a stale resolution raises
`ReviewConflict`. Every change is written to `AnswerChange` and logged.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from indicators.models import (
    Answer,
    AnswerOption,
    Indicator,
    QuestionnaireResponse,
    ResponseRole,
)

from .models import (
    AnswerChange,
    Assignment,
    AssignmentState,
    ChangeStep,
    IndicatorReview,
    ReviewStatus,
)
from .notifications import notify
from .roles import is_coordinator

logger = logging.getLogger(__name__)

NOT_APPLICABLE_TEXT = "n/a"
AGREED_RATIONALE = "Expert and peer reviewer agree."


class InvalidTransition(Exception):
    """The action is not allowed in the assignment's current state or with incomplete work."""


class ReviewConflict(Exception):
    """Another user changed the indicator since the form was shown."""


@dataclass(frozen=True)
class AreaProgress:
    code: str
    name: str
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100


def answerable_indicators(framework_id: int):
    """Return the indicators an expert answers: all but composites, which score their parts."""
    return (
        Indicator.objects.source()
        .filter(framework_id=framework_id, parts__isnull=True)
        .select_related("dimension__area")
        .order_by("order", "code")
    )


def answer_text(option: AnswerOption | None, not_applicable: bool) -> str:
    if not_applicable:
        return NOT_APPLICABLE_TEXT
    return option.code if option is not None else ""


def stored_answer_text(answer: Answer | None) -> str:
    if answer is None:
        return ""
    if answer.is_not_applicable:
        return NOT_APPLICABLE_TEXT
    if answer.option_id is not None:
        return answer.option.code
    return "" if answer.direct_score is None else f"{answer.direct_score:g}"


def _response(assignment: Assignment, role: str) -> QuestionnaireResponse:
    response, _ = QuestionnaireResponse.objects.get_or_create(
        edition_id=assignment.edition_id, region_id=assignment.region_id, role=role
    )
    return response


def _check_option(indicator: Indicator, option: AnswerOption | None, not_applicable: bool):
    if option is not None and option.indicator_id != indicator.pk:
        raise InvalidTransition(
            f'"{option.code}" is not an option of indicator "{indicator.code}".'
        )
    if option is None and not not_applicable:
        raise InvalidTransition(
            f'Indicator "{indicator.code}": choose an option or mark it not applicable.'
        )
    if option is not None and not_applicable:
        raise InvalidTransition(
            f'Indicator "{indicator.code}": an answer is either an option or not applicable.'
        )


def require_state(assignment: Assignment, *states: str) -> None:
    if assignment.state not in states:
        allowed = ", ".join(AssignmentState(state).label.lower() for state in states)
        raise InvalidTransition(
            f"{assignment} is {assignment.get_state_display().lower()}; this action needs it "
            f"to be {allowed}."
        )


def require_expert(user, assignment: Assignment) -> None:
    if user.pk != assignment.expert_id:
        raise PermissionDenied(f"Only the assigned expert of {assignment} can do this.")


def _require_peer_reviewer(user, assignment: Assignment) -> None:
    if user.pk != assignment.peer_reviewer_id:
        raise PermissionDenied(f"Only the assigned peer reviewer of {assignment} can do this.")


def _require_coordinator(user, assignment: Assignment | None = None) -> None:
    if not is_coordinator(user):
        raise PermissionDenied("Only coordinators can do this.")
    if assignment is not None and user.pk in (assignment.expert_id, assignment.peer_reviewer_id):
        raise PermissionDenied(
            f"You are the expert or peer reviewer of {assignment}, so you cannot resolve it."
        )


def _set_state(assignment: Assignment, state: str, user, comment: str = "") -> None:
    before = assignment.state
    assignment.state = state
    assignment.save(update_fields=["state", "updated_at"])
    AnswerChange.objects.create(
        assignment=assignment,
        step=ChangeStep.TRANSITION,
        user=user,
        before=before,
        after=state,
        comment=comment,
    )
    logger.info(
        "Assignment state changed",
        extra={"assignment": assignment.pk, "from": before, "to": state, "user": user.pk},
    )


def _locked(assignment: Assignment) -> Assignment:
    """Reload the assignment under a row lock, so that concurrent transitions run one by one."""
    return (
        Assignment.objects.select_for_update()
        .select_related("edition", "region")
        .get(pk=assignment.pk)
    )


# Assignment and expert answers


@transaction.atomic
def assign(user, edition, region, expert, peer_reviewer) -> Assignment:
    """Assign an expert and a peer reviewer to a region for an edition; notify the expert."""
    _require_coordinator(user)
    if expert.pk == peer_reviewer.pk:
        raise InvalidTransition("The expert and the peer reviewer must be different people.")
    if Assignment.objects.filter(edition=edition, region=region).exists():
        raise InvalidTransition(f"{region} already has an assignment for {edition}.")

    assignment = Assignment.objects.create(
        edition=edition,
        region=region,
        expert=expert,
        peer_reviewer=peer_reviewer,
        coordinator=user,
    )
    IndicatorReview.objects.bulk_create(
        IndicatorReview(assignment=assignment, indicator=indicator)
        for indicator in answerable_indicators(edition.framework_id)
    )
    _response(assignment, ResponseRole.EXPERT)
    logger.info("Assignment created", extra={"assignment": assignment.pk, "user": user.pk})
    notify(
        assignment,
        [expert],
        "questionnaire assigned to you",
        "You are the expert for this region. Fill in the questionnaire and submit it.",
    )
    return assignment


def editable_indicator_ids(assignment: Assignment) -> set[int] | None:
    """Return the indicators the expert may change now: the sent-back ones, or None for all."""
    sent_back = assignment.reviews.filter(status=ReviewStatus.SENT_BACK)
    ids = set(sent_back.values_list("indicator_id", flat=True))
    return ids or None


@transaction.atomic
def save_answer(
    user,
    assignment: Assignment,
    indicator: Indicator,
    *,
    option: AnswerOption | None,
    not_applicable: bool = False,
    source: str = "",
    comment: str = "",
) -> bool:
    """Save the expert's draft answer to one indicator; return whether anything changed."""
    assignment = _locked(assignment)
    require_expert(user, assignment)
    require_state(assignment, AssignmentState.DRAFT)
    editable = editable_indicator_ids(assignment)
    if editable is not None and indicator.pk not in editable:
        raise PermissionDenied(
            f'Indicator "{indicator.code}" was not sent back; only sent-back indicators can be '
            "changed now."
        )
    if option is None and not not_applicable:
        if not source and not comment:
            return False  # An untouched row of the form.
    else:
        _check_option(indicator, option, not_applicable)

    response = _response(assignment, ResponseRole.EXPERT)
    answer = (
        Answer.objects.select_related("option")
        .filter(response=response, indicator=indicator)
        .first()
    )
    before = stored_answer_text(answer)
    after = answer_text(option, not_applicable)
    if answer is not None and (
        (answer.option_id, answer.is_not_applicable, answer.source, answer.comment)
        == (option.pk if option else None, not_applicable, source, comment)
    ):
        return False

    if answer is None:
        answer = Answer(response=response, indicator=indicator)
    answer.option = option
    answer.direct_score = None
    answer.is_not_applicable = not_applicable
    answer.source = source
    answer.comment = comment
    answer.entered_by = user
    answer.entered_at = timezone.now()
    answer.save()
    AnswerChange.objects.create(
        assignment=assignment,
        indicator=indicator,
        step=ChangeStep.ANSWER,
        user=user,
        before=before,
        after=after,
        comment=comment,
    )
    return True


def progress(assignment: Assignment) -> tuple[list[AreaProgress], AreaProgress]:
    """Return the expert's answered indicators per policy area, and overall."""
    answered_ids = set(
        Answer.objects.filter(
            response__edition_id=assignment.edition_id,
            response__region_id=assignment.region_id,
            response__role=ResponseRole.EXPERT,
        )
        .exclude(option__isnull=True, is_not_applicable=False, direct_score__isnull=True)
        .values_list("indicator_id", flat=True)
    )
    counts: dict[tuple[int, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for indicator in answerable_indicators(assignment.edition.framework_id):
        area = indicator.dimension.area
        count = counts[(area.order, area.code, area.name)]
        count[1] += 1
        count[0] += indicator.pk in answered_ids
    areas = [
        AreaProgress(code, name, answered, total)
        for (_, code, name), (answered, total) in sorted(counts.items())
    ]
    overall = AreaProgress(
        "", "Overall", sum(a.answered for a in areas), sum(a.total for a in areas)
    )
    return areas, overall


@transaction.atomic
def submit(user, assignment: Assignment) -> Assignment:
    """Submit the expert's questionnaire once every indicator is answered or not applicable."""
    assignment = _locked(assignment)
    require_expert(user, assignment)
    require_state(assignment, AssignmentState.DRAFT)
    _, overall = progress(assignment)
    if overall.answered < overall.total:
        raise InvalidTransition(
            f"{overall.total - overall.answered} of {overall.total} indicators have no answer; "
            "answer them or mark them not applicable before submitting."
        )

    assignment.reviews.filter(status=ReviewStatus.SENT_BACK).update(
        status=ReviewStatus.PENDING, version=F("version") + 1
    )
    _set_state(assignment, AssignmentState.SUBMITTED, user)
    notify(
        assignment,
        [assignment.peer_reviewer],
        "questionnaire ready for peer review",
        "The expert submitted the questionnaire. Start the peer review.",
    )
    return assignment


# Peer review


@transaction.atomic
def start_peer_review(user, assignment: Assignment) -> Assignment:
    assignment = _locked(assignment)
    _require_peer_reviewer(user, assignment)
    require_state(assignment, AssignmentState.SUBMITTED)
    _set_state(assignment, AssignmentState.IN_PEER_REVIEW, user)
    notify(
        assignment,
        [assignment.coordinator],
        "peer review started",
        "The peer reviewer started reviewing the expert's answers.",
    )
    return assignment


@transaction.atomic
def review_indicator(
    user,
    assignment: Assignment,
    indicator: Indicator,
    *,
    agrees: bool,
    option: AnswerOption | None = None,
    not_applicable: bool = False,
    comment: str = "",
) -> IndicatorReview:
    """Record the peer reviewer's agreement, or another option with a comment, for one indicator."""
    assignment = _locked(assignment)
    _require_peer_reviewer(user, assignment)
    require_state(assignment, AssignmentState.IN_PEER_REVIEW)
    review = assignment.reviews.select_for_update().get(indicator=indicator)
    if review.status not in (ReviewStatus.PENDING, ReviewStatus.AGREED, ReviewStatus.DISAGREED):
        raise InvalidTransition(f'Indicator "{indicator.code}" is already resolved.')

    expert_answer = (
        Answer.objects.select_related("option")
        .filter(response=_response(assignment, ResponseRole.EXPERT), indicator=indicator)
        .first()
    )
    if agrees:
        option = expert_answer.option if expert_answer else None
        not_applicable = bool(expert_answer and expert_answer.is_not_applicable)
    else:
        _check_option(indicator, option, not_applicable)
        if not comment.strip():
            raise InvalidTransition(
                f'Indicator "{indicator.code}": explain in a comment why you propose another '
                "answer."
            )
        expert_value = (
            (expert_answer.option_id, expert_answer.is_not_applicable) if expert_answer else None
        )
        if (option.pk if option else None, not_applicable) == expert_value:
            raise InvalidTransition(
                f'Indicator "{indicator.code}": the proposed answer is the expert\'s answer; '
                "choose agree instead."
            )

    before = answer_text(review.proposed_option, review.proposed_not_applicable)
    review.status = ReviewStatus.AGREED if agrees else ReviewStatus.DISAGREED
    review.proposed_option = option
    review.proposed_not_applicable = not_applicable
    review.reviewer_comment = comment
    review.version += 1
    review.save()

    Answer.objects.update_or_create(
        response=_response(assignment, ResponseRole.PEER_REVIEWER),
        indicator=indicator,
        defaults={
            "option": option,
            "direct_score": None,
            "is_not_applicable": not_applicable,
            "source": expert_answer.source if expert_answer else "",
            "comment": comment,
            "entered_by": user,
            "entered_at": timezone.now(),
        },
    )
    AnswerChange.objects.create(
        assignment=assignment,
        indicator=indicator,
        step=ChangeStep.PEER_REVIEW,
        user=user,
        before=before,
        after=("agrees: " if agrees else "proposes: ") + answer_text(option, not_applicable),
        comment=comment,
    )
    return review


@transaction.atomic
def finish_peer_review(user, assignment: Assignment) -> Assignment:
    """Close the peer review; agreed indicators are resolved with the expert's answer."""
    assignment = _locked(assignment)
    _require_peer_reviewer(user, assignment)
    require_state(assignment, AssignmentState.IN_PEER_REVIEW)
    pending = assignment.reviews.filter(status=ReviewStatus.PENDING).count()
    if pending:
        raise InvalidTransition(
            f"{pending} indicators are not reviewed yet; agree or propose an answer for each."
        )

    now = timezone.now()
    assignment.reviews.filter(status=ReviewStatus.AGREED).update(
        status=ReviewStatus.RESOLVED,
        final_option=F("proposed_option"),
        final_not_applicable=F("proposed_not_applicable"),
        rationale=AGREED_RATIONALE,
        resolved_at=now,
        version=F("version") + 1,
    )
    _set_state(assignment, AssignmentState.REVIEWED, user)
    disagreements = assignment.reviews.filter(status=ReviewStatus.DISAGREED).count()
    notify(
        assignment,
        [assignment.coordinator],
        f"peer review finished, {disagreements} disagreements",
        f"The peer review is finished with {disagreements} disagreements to resolve.",
    )
    if not disagreements:
        _finalise(assignment, user)
    return assignment


# Resolution


def _locked_review(assignment: Assignment, indicator: Indicator, version: int) -> IndicatorReview:
    review = assignment.reviews.select_for_update().get(indicator=indicator)
    if review.version != version:
        last = (
            assignment.changes.filter(indicator=indicator)
            .select_related("user")
            .order_by("-changed_at", "-pk")
            .first()
        )
        by = f" by {last.user} at {last.changed_at:%Y-%m-%d %H:%M} UTC" if last else ""
        raise ReviewConflict(
            f'Indicator "{indicator.code}" was changed{by} after you opened it; nothing was '
            "saved. Reload the page, check the new state and decide again."
        )
    return review


@transaction.atomic
def resolve_indicator(
    user,
    assignment: Assignment,
    indicator: Indicator,
    *,
    option: AnswerOption | None,
    not_applicable: bool = False,
    rationale: str,
    version: int,
) -> IndicatorReview:
    """Pick the final answer of a disagreement; the last one creates the final response.

    `version` is the review's version the coordinator saw; a different stored version raises
    ReviewConflict and changes nothing.
    """
    assignment = _locked(assignment)
    _require_coordinator(user, assignment)
    require_state(assignment, AssignmentState.REVIEWED)
    review = _locked_review(assignment, indicator, version)
    if review.status != ReviewStatus.DISAGREED:
        raise InvalidTransition(
            f'Indicator "{indicator.code}" is {review.get_status_display().lower()}; only '
            "disagreements are resolved."
        )
    _check_option(indicator, option, not_applicable)
    if not rationale.strip():
        raise InvalidTransition(f'Indicator "{indicator.code}": give a rationale for the choice.')

    review.status = ReviewStatus.RESOLVED
    review.final_option = option
    review.final_not_applicable = not_applicable
    review.rationale = rationale
    review.resolved_by = user
    review.resolved_at = timezone.now()
    review.version += 1
    review.save()
    AnswerChange.objects.create(
        assignment=assignment,
        indicator=indicator,
        step=ChangeStep.RESOLUTION,
        user=user,
        before=answer_text(review.proposed_option, review.proposed_not_applicable),
        after=answer_text(option, not_applicable),
        comment=rationale,
    )

    if not assignment.reviews.exclude(status=ReviewStatus.RESOLVED).exists():
        _finalise(assignment, user)
    return review


@transaction.atomic
def send_back(
    user, assignment: Assignment, indicator: Indicator, *, comment: str, version: int
) -> IndicatorReview:
    """Return one disagreement to the expert, which puts the assignment back in draft."""
    assignment = _locked(assignment)
    _require_coordinator(user, assignment)
    require_state(assignment, AssignmentState.REVIEWED)
    review = _locked_review(assignment, indicator, version)
    if review.status != ReviewStatus.DISAGREED:
        raise InvalidTransition(
            f'Indicator "{indicator.code}" is {review.get_status_display().lower()}; only '
            "disagreements can be sent back."
        )
    if not comment.strip():
        raise InvalidTransition(f'Indicator "{indicator.code}": say what the expert should check.')

    review.status = ReviewStatus.SENT_BACK
    review.version += 1
    review.save(update_fields=["status", "version"])
    AnswerChange.objects.create(
        assignment=assignment,
        indicator=indicator,
        step=ChangeStep.SEND_BACK,
        user=user,
        comment=comment,
    )
    _set_state(assignment, AssignmentState.DRAFT, user, comment=f"{indicator.code}: {comment}")
    notify(
        assignment,
        [assignment.expert],
        f"indicator {indicator.code} sent back to you",
        f'The coordinator asks you to check indicator "{indicator.code}":\n\n{comment}',
    )
    return review


def _finalise(assignment: Assignment, user) -> None:
    """Write the final response from the resolutions; its saved answers trigger rescoring."""
    expert_answers = {
        answer.indicator_id: answer
        for answer in Answer.objects.filter(response=_response(assignment, ResponseRole.EXPERT))
    }
    final = _response(assignment, ResponseRole.FINAL)
    for review in assignment.reviews.all():
        expert_answer = expert_answers.get(review.indicator_id)
        # Saved one by one through the ORM, so that indicators.signals rescores on commit.
        Answer.objects.update_or_create(
            response=final,
            indicator_id=review.indicator_id,
            defaults={
                "option_id": review.final_option_id,
                "direct_score": None,
                "is_not_applicable": review.final_not_applicable,
                "source": expert_answer.source if expert_answer else "",
                "comment": review.rationale,
                "entered_by": review.resolved_by or user,
                "entered_at": review.resolved_at or timezone.now(),
            },
        )
    _set_state(assignment, AssignmentState.RESOLVED, user)
    notify(
        assignment,
        [assignment.expert, assignment.peer_reviewer, assignment.coordinator],
        "questionnaire resolved",
        "Every indicator is resolved. The final answers are saved and the scores recomputed.",
    )


def indicator_history(user, assignment: Assignment, indicator: Indicator):
    """Return every change of one indicator of an assignment, oldest first (coordinators only)."""
    _require_coordinator(user)
    return assignment.changes.filter(indicator=indicator).select_related("user")
