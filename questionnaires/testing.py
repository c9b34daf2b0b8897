"""Builders for tests of the review method: users in their groups and an assignment at any state."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from indicators.models import Edition, Indicator

from . import services
from .models import Assignment, AssignmentState
from .roles import COORDINATOR_GROUP, EDITOR_GROUP, EXPERT_GROUP, PEER_REVIEWER_GROUP

# The password of every test user, so that browser tests can log in.
TEST_PASSWORD = "review-test"  # noqa: S105


def make_user(username: str, group: str | None = None, **fields):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=TEST_PASSWORD, **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@dataclass
class ReviewTeam:
    expert: object
    peer_reviewer: object
    coordinator: object
    other_coordinator: object
    other_expert: object
    editor: object


def make_team() -> ReviewTeam:
    return ReviewTeam(
        expert=make_user("expert", EXPERT_GROUP),
        peer_reviewer=make_user("reviewer", PEER_REVIEWER_GROUP),
        coordinator=make_user("coordinator", COORDINATOR_GROUP),
        other_coordinator=make_user("coordinator2", COORDINATOR_GROUP),
        other_expert=make_user("expert2", EXPERT_GROUP),
        editor=make_user("editor", EDITOR_GROUP),
    )


def answer_all(assignment: Assignment, user, code: str = "a") -> None:
    """Give every indicator the option `code` as the expert's answer."""
    for indicator in services.answerable_indicators(assignment.edition.framework_id):
        services.save_answer(
            user,
            assignment,
            indicator,
            option=indicator.options.get(code=code),
            source=f"Law {indicator.code}",
        )


def advance(
    team: ReviewTeam,
    edition: Edition,
    region,
    until: str,
    *,
    disagree_on: tuple[str, ...] = (),
) -> Assignment:
    """Assign the team to the region and run the method until the assignment reaches `until`.

    The expert answers "a" everywhere; the peer reviewer proposes "b" on `disagree_on`.
    """
    assignment = services.assign(team.coordinator, edition, region, team.expert, team.peer_reviewer)
    if until == AssignmentState.DRAFT:
        return assignment
    answer_all(assignment, team.expert)
    services.submit(team.expert, assignment)
    if until == AssignmentState.SUBMITTED:
        return _reload(assignment)
    services.start_peer_review(team.peer_reviewer, assignment)
    for indicator in services.answerable_indicators(edition.framework_id):
        if indicator.code in disagree_on:
            services.review_indicator(
                team.peer_reviewer,
                assignment,
                indicator,
                agrees=False,
                option=indicator.options.get(code="b"),
                comment=f"The 2024 amendment changes {indicator.code}.",
            )
        else:
            services.review_indicator(team.peer_reviewer, assignment, indicator, agrees=True)
    if until == AssignmentState.IN_PEER_REVIEW:
        return _reload(assignment)
    services.finish_peer_review(team.peer_reviewer, assignment)
    return _reload(assignment)


def indicator(edition: Edition, code: str) -> Indicator:
    return Indicator.objects.source().get(framework_id=edition.framework_id, code=code)


def _reload(assignment: Assignment) -> Assignment:
    return Assignment.objects.get(pk=assignment.pk)
