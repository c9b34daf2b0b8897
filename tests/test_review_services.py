"""The review method in the service layer: transitions, refusals, history and conflicts."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied

from indicators.models import Answer, ResponseRole, Score
from indicators.models.scores import OVERALL_CODE, ScoreLevel
from questionnaires import services
from questionnaires.models import AnswerChange, AssignmentState, ChangeStep, ReviewStatus
from questionnaires.services import InvalidTransition, ReviewConflict
from questionnaires.testing import advance, indicator, make_team
from tests.factories import make_edition, make_framework, make_region

pytestmark = pytest.mark.django_db

LAYOUT = {"LM": {"LM1": ["i1", "i2"]}, "ED": {"ED1": ["i3"]}}


@pytest.fixture
def edition():
    return make_edition(make_framework(LAYOUT))


@pytest.fixture
def region():
    return make_region()


@pytest.fixture
def team():
    return make_team()


def final_answers(assignment) -> dict[str, str]:
    answers = Answer.objects.filter(
        response__edition=assignment.edition,
        response__region=assignment.region,
        response__role=ResponseRole.FINAL,
    ).select_related("option", "indicator")
    return {a.indicator.code: "n/a" if a.is_not_applicable else a.option.code for a in answers}


# Groups


def test_groups_migration_creates_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Expert", "Peer reviewer", "Coordinator", "Editor", "Translator (en)"} <= names


def test_groups_migration_grants_least_permissions():
    expert = Group.objects.get(name="Expert")
    coordinator = Group.objects.get(name="Coordinator")
    assert set(expert.permissions.values_list("codename", flat=True)) == {"access_admin"}
    assert "change_assignment" in coordinator.permissions.values_list("codename", flat=True)
    assert not coordinator.permissions.filter(codename="delete_assignment").exists()


# Assignment


def test_assign_creates_reviews_and_notifies_expert(team, edition, region):
    assignment = services.assign(team.coordinator, edition, region, team.expert, team.peer_reviewer)
    assert assignment.state == AssignmentState.DRAFT
    assert assignment.reviews.count() == 3
    assert [m.to for m in mail.outbox] == [["expert@example.org"]]


def test_assign_rejects_non_coordinator(team, edition, region):
    with pytest.raises(PermissionDenied):
        services.assign(team.expert, edition, region, team.expert, team.peer_reviewer)


def test_assign_rejects_expert_as_reviewer(team, edition, region):
    with pytest.raises(InvalidTransition, match="different people"):
        services.assign(team.coordinator, edition, region, team.expert, team.expert)


def test_assign_rejects_second_assignment(team, edition, region):
    services.assign(team.coordinator, edition, region, team.expert, team.peer_reviewer)
    with pytest.raises(InvalidTransition, match="already has an assignment"):
        services.assign(team.coordinator, edition, region, team.other_expert, team.peer_reviewer)


# Expert answers and submission


def test_save_answer_records_history(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    i1 = indicator(edition, "i1")
    services.save_answer(team.expert, assignment, i1, option=i1.options.get(code="a"))
    services.save_answer(
        team.expert, assignment, i1, option=i1.options.get(code="b"), comment="Law 3/2021"
    )
    change = AnswerChange.objects.filter(indicator=i1).last()
    assert (change.before, change.after, change.comment) == ("a", "b", "Law 3/2021")
    assert change.user == team.expert


def test_save_answer_unchanged_writes_no_history(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    i1 = indicator(edition, "i1")
    option = i1.options.get(code="a")
    assert services.save_answer(team.expert, assignment, i1, option=option)
    assert not services.save_answer(team.expert, assignment, i1, option=option)
    assert AnswerChange.objects.filter(indicator=i1).count() == 1


@pytest.mark.parametrize("who", ["peer_reviewer", "coordinator", "other_expert"])
def test_save_answer_rejects_other_users(team, edition, region, who):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    i1 = indicator(edition, "i1")
    with pytest.raises(PermissionDenied):
        services.save_answer(getattr(team, who), assignment, i1, option=i1.options.first())


def test_save_answer_rejects_other_region(team, edition, region):
    advance(team, edition, region, AssignmentState.DRAFT)
    other = services.assign(
        team.coordinator,
        edition,
        make_region("EL41", name="Voreio Aigaio", country="GR"),
        team.other_expert,
        team.peer_reviewer,
    )
    i1 = indicator(edition, "i1")
    with pytest.raises(PermissionDenied):
        services.save_answer(team.expert, other, i1, option=i1.options.first())


def test_save_answer_rejects_after_submit(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    i1 = indicator(edition, "i1")
    with pytest.raises(InvalidTransition, match="is submitted"):
        services.save_answer(team.expert, assignment, i1, option=i1.options.first())


def test_save_answer_rejects_option_of_other_indicator(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    i1, i2 = indicator(edition, "i1"), indicator(edition, "i2")
    with pytest.raises(InvalidTransition, match='not an option of indicator "i1"'):
        services.save_answer(team.expert, assignment, i1, option=i2.options.first())


def test_submit_rejects_incomplete_questionnaire(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    i1 = indicator(edition, "i1")
    services.save_answer(team.expert, assignment, i1, option=i1.options.first())
    with pytest.raises(InvalidTransition, match="2 of 3 indicators have no answer"):
        services.submit(team.expert, assignment)


def test_submit_accepts_not_applicable(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    for ind in services.answerable_indicators(edition.framework_id):
        services.save_answer(team.expert, assignment, ind, option=None, not_applicable=True)
    services.submit(team.expert, assignment)
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.SUBMITTED


def test_submit_notifies_peer_reviewer(team, edition, region):
    advance(team, edition, region, AssignmentState.SUBMITTED)
    assert mail.outbox[-1].to == ["reviewer@example.org"]
    assert "ready for peer review" in mail.outbox[-1].subject


def test_submit_rejects_peer_reviewer(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    with pytest.raises(PermissionDenied):
        services.submit(team.peer_reviewer, assignment)


def test_submit_rejects_twice(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    with pytest.raises(InvalidTransition):
        services.submit(team.expert, assignment)


def test_progress_counts_per_area(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    i1 = indicator(edition, "i1")
    services.save_answer(team.expert, assignment, i1, option=i1.options.first())
    areas, overall = services.progress(assignment)
    assert [(a.code, a.answered, a.total) for a in areas] == [("LM", 1, 2), ("ED", 0, 1)]
    assert (overall.answered, overall.total, overall.percent) == (1, 3, 33)


# Peer review


def test_start_peer_review_notifies_coordinator(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    services.start_peer_review(team.peer_reviewer, assignment)
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.IN_PEER_REVIEW
    assert mail.outbox[-1].to == ["coordinator@example.org"]


def test_start_peer_review_rejects_expert(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.start_peer_review(team.expert, assignment)


def test_start_peer_review_rejects_draft(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    with pytest.raises(InvalidTransition, match="is draft"):
        services.start_peer_review(team.peer_reviewer, assignment)


def test_review_indicator_rejects_own_answers(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    services.start_peer_review(team.peer_reviewer, assignment)
    with pytest.raises(PermissionDenied):
        services.review_indicator(team.expert, assignment, indicator(edition, "i1"), agrees=True)


def test_review_indicator_rejects_before_start(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    with pytest.raises(InvalidTransition):
        services.review_indicator(
            team.peer_reviewer, assignment, indicator(edition, "i1"), agrees=True
        )


def test_review_indicator_disagreement_needs_comment(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    services.start_peer_review(team.peer_reviewer, assignment)
    i1 = indicator(edition, "i1")
    with pytest.raises(InvalidTransition, match="comment"):
        services.review_indicator(
            team.peer_reviewer, assignment, i1, agrees=False, option=i1.options.get(code="b")
        )


def test_review_indicator_rejects_expert_answer_as_proposal(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    services.start_peer_review(team.peer_reviewer, assignment)
    i1 = indicator(edition, "i1")
    with pytest.raises(InvalidTransition, match="choose agree"):
        services.review_indicator(
            team.peer_reviewer,
            assignment,
            i1,
            agrees=False,
            option=i1.options.get(code="a"),
            comment="Same",
        )


def test_review_indicator_writes_peer_reviewer_answer(team, edition, region):
    advance(team, edition, region, AssignmentState.IN_PEER_REVIEW, disagree_on=("i2",))
    answers = Answer.objects.filter(response__role=ResponseRole.PEER_REVIEWER)
    assert {a.indicator.code: a.option.code for a in answers} == {"i1": "a", "i2": "b", "i3": "a"}


def test_finish_peer_review_rejects_pending(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    services.start_peer_review(team.peer_reviewer, assignment)
    with pytest.raises(InvalidTransition, match="3 indicators are not reviewed"):
        services.finish_peer_review(team.peer_reviewer, assignment)


def test_finish_peer_review_rejects_coordinator(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.IN_PEER_REVIEW)
    with pytest.raises(PermissionDenied):
        services.finish_peer_review(team.coordinator, assignment)


def test_finish_peer_review_resolves_agreements(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    assert assignment.state == AssignmentState.REVIEWED
    statuses = dict(assignment.reviews.values_list("indicator__code", "status"))
    assert statuses == {
        "i1": ReviewStatus.RESOLVED,
        "i2": ReviewStatus.DISAGREED,
        "i3": ReviewStatus.RESOLVED,
    }
    assert mail.outbox[-1].to == ["coordinator@example.org"]
    assert "1 disagreements" in mail.outbox[-1].subject


def test_finish_peer_review_without_disagreements_scores(
    team, edition, region, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assignment = advance(team, edition, region, AssignmentState.REVIEWED)
    assert assignment.state == AssignmentState.RESOLVED
    assert final_answers(assignment) == {"i1": "a", "i2": "a", "i3": "a"}
    overall = Score.objects.get(
        edition=edition, region=region, level=ScoreLevel.OVERALL, code=OVERALL_CODE
    )
    assert overall.value == 100


# Resolution


def test_resolve_last_disagreement_creates_final_response(
    team, edition, region, django_capture_on_commit_callbacks
):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    i2 = indicator(edition, "i2")
    review = assignment.reviews.get(indicator=i2)
    with django_capture_on_commit_callbacks(execute=True):
        services.resolve_indicator(
            team.coordinator,
            assignment,
            i2,
            option=i2.options.get(code="b"),
            rationale="The amendment is in force.",
            version=review.version,
        )
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.RESOLVED
    assert final_answers(assignment) == {"i1": "a", "i2": "b", "i3": "a"}
    assert Score.objects.filter(edition=edition, region=region).exists()
    assert {"expert@example.org", "reviewer@example.org"} <= set(mail.outbox[-1].to)


@pytest.mark.parametrize("who", ["expert", "peer_reviewer", "editor"])
def test_resolve_rejects_non_coordinators(team, edition, region, who):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    i2 = indicator(edition, "i2")
    with pytest.raises(PermissionDenied):
        services.resolve_indicator(
            getattr(team, who),
            assignment,
            i2,
            option=i2.options.first(),
            rationale="x",
            version=assignment.reviews.get(indicator=i2).version,
        )


def test_resolve_rejects_coordinator_who_reviewed(team, edition, region):
    team.peer_reviewer.groups.add(Group.objects.get(name="Coordinator"))
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    i2 = indicator(edition, "i2")
    with pytest.raises(PermissionDenied, match="cannot resolve"):
        services.resolve_indicator(
            team.peer_reviewer,
            assignment,
            i2,
            option=i2.options.first(),
            rationale="x",
            version=assignment.reviews.get(indicator=i2).version,
        )


def test_resolve_rejects_in_peer_review(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.IN_PEER_REVIEW, disagree_on=("i2",))
    i2 = indicator(edition, "i2")
    with pytest.raises(InvalidTransition, match="in peer review"):
        services.resolve_indicator(
            team.coordinator,
            assignment,
            i2,
            option=i2.options.first(),
            rationale="x",
            version=assignment.reviews.get(indicator=i2).version,
        )


def test_resolve_rejects_agreed_indicator(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    i1 = indicator(edition, "i1")
    with pytest.raises(InvalidTransition, match="only disagreements"):
        services.resolve_indicator(
            team.coordinator,
            assignment,
            i1,
            option=i1.options.first(),
            rationale="x",
            version=assignment.reviews.get(indicator=i1).version,
        )


def test_resolve_needs_rationale(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    i2 = indicator(edition, "i2")
    with pytest.raises(InvalidTransition, match="rationale"):
        services.resolve_indicator(
            team.coordinator,
            assignment,
            i2,
            option=i2.options.first(),
            rationale=" ",
            version=assignment.reviews.get(indicator=i2).version,
        )


def test_resolve_second_coordinator_gets_conflict(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2", "i3"))
    i2 = indicator(edition, "i2")
    seen_version = assignment.reviews.get(indicator=i2).version
    services.resolve_indicator(
        team.coordinator,
        assignment,
        i2,
        option=i2.options.get(code="b"),
        rationale="First decision.",
        version=seen_version,
    )
    with pytest.raises(ReviewConflict, match='"i2" was changed by coordinator'):
        services.resolve_indicator(
            team.other_coordinator,
            assignment,
            i2,
            option=i2.options.get(code="c"),
            rationale="Second decision.",
            version=seen_version,
        )
    review = assignment.reviews.get(indicator=i2)
    assert (review.final_option.code, review.rationale) == ("b", "First decision.")
    assert review.resolved_by == team.coordinator


# Sending back


def test_send_back_returns_one_indicator_to_expert(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    i1, i2 = indicator(edition, "i1"), indicator(edition, "i2")
    services.send_back(
        team.coordinator,
        assignment,
        i2,
        comment="Check the 2024 amendment.",
        version=assignment.reviews.get(indicator=i2).version,
    )
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.DRAFT
    assert mail.outbox[-1].to == ["expert@example.org"]
    assert "Check the 2024 amendment." in mail.outbox[-1].body
    with pytest.raises(PermissionDenied, match="not sent back"):
        services.save_answer(team.expert, assignment, i1, option=i1.options.get(code="c"))


def test_send_back_round_trip_to_resolution(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    i2 = indicator(edition, "i2")
    services.send_back(
        team.coordinator,
        assignment,
        i2,
        comment="Check the amendment.",
        version=assignment.reviews.get(indicator=i2).version,
    )
    services.save_answer(team.expert, assignment, i2, option=i2.options.get(code="b"))
    services.submit(team.expert, assignment)
    assert assignment.reviews.get(indicator=i2).status == ReviewStatus.PENDING
    services.start_peer_review(team.peer_reviewer, assignment)
    services.review_indicator(team.peer_reviewer, assignment, i2, agrees=True)
    services.finish_peer_review(team.peer_reviewer, assignment)
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.RESOLVED
    assert final_answers(assignment) == {"i1": "a", "i2": "b", "i3": "a"}


def test_send_back_rejects_stale_version(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    i2 = indicator(edition, "i2")
    with pytest.raises(ReviewConflict):
        services.send_back(team.coordinator, assignment, i2, comment="Check.", version=0)
    assert assignment.reviews.get(indicator=i2).status == ReviewStatus.DISAGREED


# History


def test_indicator_history_lists_every_step(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    i2 = indicator(edition, "i2")
    services.resolve_indicator(
        team.coordinator,
        assignment,
        i2,
        option=i2.options.get(code="c"),
        rationale="Neither fits.",
        version=assignment.reviews.get(indicator=i2).version,
    )
    history = services.indicator_history(team.other_coordinator, assignment, i2)
    assert [(c.step, c.user.username, c.before, c.after, c.comment) for c in history] == [
        (ChangeStep.ANSWER, "expert", "", "a", ""),
        (ChangeStep.PEER_REVIEW, "reviewer", "", "proposes: b", "The 2024 amendment changes i2."),
        (ChangeStep.RESOLUTION, "coordinator", "b", "c", "Neither fits."),
    ]


def test_indicator_history_rejects_expert(team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    with pytest.raises(PermissionDenied):
        services.indicator_history(team.expert, assignment, indicator(edition, "i1"))
