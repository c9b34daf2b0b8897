"""The whole path in the admin, from an empty questionnaire to a published profile."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from indicators.models import Score
from indicators.models.scores import OVERALL_CODE, ScoreLevel
from questionnaires.models import Assignment, AssignmentState
from questionnaires.profile_workflow import ensure_profile_review_workflow
from questionnaires.testing import indicator, make_team, make_user
from tests.factories import make_edition, make_framework, make_region
from tests.page_factories import make_index_page, make_profile

pytestmark = pytest.mark.django_db

LAYOUT = {"LM": {"LM1": ["i1", "i2"]}, "ED": {"ED1": ["i3"]}}


def option_id(edition, code: str, option: str) -> str:
    return str(indicator(edition, code).options.get(code=option).pk)


def test_questionnaire_to_published_profile(client, django_capture_on_commit_callbacks):
    team = make_team()
    second_editor = make_user("editor2", "Editor")
    edition = make_edition(make_framework(LAYOUT))
    region = make_region()
    index_page = make_index_page(edition)
    ensure_profile_review_workflow([index_page])
    profile = make_profile(index_page, region, publish=False)
    i1, i2, i3 = (indicator(edition, code) for code in ("i1", "i2", "i3"))

    client.force_login(team.coordinator)
    client.post(
        reverse("questionnaires:assign"),
        {
            "edition": edition.pk,
            "region": region.pk,
            "expert": team.expert.pk,
            "peer_reviewer": team.peer_reviewer.pk,
        },
    )
    assignment = Assignment.objects.get(edition=edition, region=region)
    base = f"/admin/questionnaires/{assignment.pk}/"

    client.force_login(team.expert)
    client.post(
        base + "areas/LM/",
        {
            f"answer-{i1.pk}": option_id(edition, "i1", "a"),
            f"source-{i1.pk}": "Law 1/2020",
            f"answer-{i2.pk}": option_id(edition, "i2", "a"),
        },
    )
    client.post(base + "areas/ED/", {f"answer-{i3.pk}": "n/a"})
    client.post(base + "submit/")

    client.force_login(team.peer_reviewer)
    client.post(base + "peer-review/start/")
    client.post(
        base + "peer-review/",
        {
            f"verdict-{i1.pk}": "agree",
            f"verdict-{i2.pk}": "disagree",
            f"proposal-{i2.pk}": option_id(edition, "i2", "c"),
            f"comment-{i2.pk}": "Repealed in 2023.",
            f"verdict-{i3.pk}": "agree",
        },
    )
    client.post(base + "peer-review/finish/")
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.REVIEWED

    client.force_login(team.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            base + "resolution/",
            {
                "indicator": i2.pk,
                "version": assignment.reviews.get(indicator=i2).version,
                "final": option_id(edition, "i2", "c"),
                "rationale": "The repeal is in force.",
                "resolve": "",
            },
        )
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.RESOLVED
    overall = Score.objects.get(
        edition=edition, region=region, level=ScoreLevel.OVERALL, code=OVERALL_CODE
    )
    assert overall.value == 50  # i1 scores 100 and i2 0; i3 is not applicable.

    profile.save_revision(user=team.editor)
    profile.get_workflow().start(profile, team.editor)

    def approve(user) -> str:
        """Post "approve" as `user`; return the workflow's current task name, or its status."""
        workflow_state = WorkflowState.objects.get(object_id=str(profile.pk))
        task_state = workflow_state.current_task_state
        client.force_login(user)
        client.post(
            reverse(
                "wagtailadmin_pages:workflow_action", args=[profile.pk, "approve", task_state.pk]
            )
        )
        workflow_state.refresh_from_db()
        if workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
            return workflow_state.status
        return workflow_state.current_task_state.task.name

    assert approve(team.other_expert) == "Regional expert check"
    assert approve(team.editor) == "Regional expert check"
    assert approve(team.expert) == "Editorial approval"
    assert approve(team.editor) == "Editorial approval"
    assert approve(team.expert) == "Editorial approval"
    assert approve(second_editor) == WorkflowState.STATUS_APPROVED
    profile.refresh_from_db()
    assert profile.live
