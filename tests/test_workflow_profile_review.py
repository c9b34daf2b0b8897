"""The "Profile review" page workflow: expert check, editorial approval without self-approval."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from questionnaires import services
from questionnaires.profile_workflow import ensure_profile_review_workflow
from questionnaires.testing import make_team, make_user
from tests.factories import make_edition, make_framework, make_region
from tests.page_factories import make_index_page, make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def profile(team):
    edition = make_edition(make_framework({"LM": {"LM1": ["i1"]}}))
    region = make_region()
    index_page = make_index_page(edition)
    ensure_profile_review_workflow([index_page])
    services.assign(team.coordinator, edition, region, team.expert, team.peer_reviewer)
    return make_profile(index_page, region, publish=False)


def submit(page, user):
    revision = page.save_revision(user=user)
    return page.get_workflow().start(page, user), revision


def current_task(page) -> TaskState:
    return WorkflowState.objects.get(object_id=str(page.pk)).current_task_state.specific


def act(page, user, action: str):
    task_state = current_task(page)
    task_state.task.specific.on_action(task_state, user, action)


def test_workflow_created_once():
    first = ensure_profile_review_workflow()
    second = ensure_profile_review_workflow()
    assert first.pk == second.pk
    names = [task.name for task in first.tasks]
    assert names == ["Regional expert check", "Editorial approval"]


def test_profile_path_to_publication(team, profile):
    submit(profile, team.editor)
    act(profile, team.expert, "approve")
    assert current_task(profile).task.name == "Editorial approval"
    act(profile, make_user("editor2", "Editor"), "approve")
    profile.refresh_from_db()
    assert profile.live


def test_expert_check_rejects_other_expert(team, profile):
    submit(profile, team.editor)
    page = profile.specific
    task = current_task(profile).task.specific
    assert task.get_actions(page, team.other_expert) == []
    with pytest.raises(PermissionDenied):
        act(profile, team.other_expert, "approve")


def test_expert_check_lists_task_for_expert(team, profile):
    submit(profile, team.editor)
    task = current_task(profile).task.specific
    assert task.get_task_states_user_can_moderate(team.expert).count() == 1
    assert task.get_task_states_user_can_moderate(team.other_expert).count() == 0


def test_editorial_approval_rejects_requester(team, profile):
    submit(profile, team.editor)
    act(profile, team.expert, "approve")
    task = current_task(profile).task.specific
    actions = [name for name, *_ in task.get_actions(profile, team.editor)]
    assert actions == ["reject"]
    with pytest.raises(PermissionDenied, match="whose review you requested"):
        act(profile, team.editor, "approve")
    profile.refresh_from_db()
    assert not profile.live


def test_editorial_approval_rejects_expert(team, profile):
    submit(profile, team.editor)
    act(profile, team.expert, "approve")
    task = current_task(profile).task.specific
    assert task.get_actions(profile, team.expert) == []


def test_expert_can_request_changes(team, profile):
    submit(profile, team.editor)
    act(profile, team.expert, "reject")
    state = WorkflowState.objects.get(object_id=str(profile.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_scheduled_publishing_after_approval(team, profile):
    go_live = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    profile.go_live_at = go_live
    submit(profile, team.editor)
    act(profile, team.expert, "approve")
    act(profile, make_user("editor2", "Editor"), "approve")
    profile.refresh_from_db()
    assert not profile.live
    assert profile.scheduled_revision.approved_go_live_at == go_live


def test_editor_compares_revisions(client, team, profile):
    first = profile.save_revision(user=team.editor)
    profile.title = "Cataluña, revised"
    second = profile.save_revision(user=team.editor)
    client.force_login(make_user("editor2", "Editor"))
    response = client.get(
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[profile.pk, first.pk, second.pk],
        )
    )
    assert response.status_code == 200
    assert "Cataluña, revised" in response.content.decode()


def test_expert_opens_profile_editor_in_check(client, team, profile):
    submit(profile, team.editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[profile.pk])
    client.force_login(team.expert)
    assert client.get(edit_url).status_code == 200
    client.force_login(team.other_expert)
    assert client.get(edit_url).status_code == 302


def test_expert_check_accepts_plain_page(team, profile):
    submit(profile, team.editor)
    task = current_task(profile).task.specific
    plain_page = Page.objects.get(pk=profile.pk)
    assert [name for name, *_ in task.get_actions(plain_page, team.expert)] == [
        "reject",
        "approve",
        "approve",
    ]


def test_submission_emails_regional_expert(team, profile):
    mail.outbox.clear()
    submit(profile, team.editor)
    assert [message.to for message in mail.outbox] == [["expert@example.org"]]
    assert "awaits your expert check" in mail.outbox[0].subject


def test_expert_approval_emails_other_editors(team, profile):
    make_user("editor2", "Editor")
    submit(profile, team.editor)
    mail.outbox.clear()
    act(profile, team.expert, "approve")
    recipients = {address for message in mail.outbox for address in message.to}
    assert "editor2@example.org" in recipients


def profile_form(profile, action: str) -> dict:
    return nested_form_data(
        {
            "title": profile.title,
            "slug": profile.slug,
            "region": profile.region_id,
            "edition": profile.edition_id,
            "summary": rich_text("<p>Edited summary.</p>"),
            "body": streamfield([]),
            action: action.removeprefix("action-"),
        }
    )


def test_editor_cannot_publish_profile_directly(client, team, profile):
    client.force_login(team.editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[profile.pk]),
        profile_form(profile, "action-publish"),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.live
    assert profile.has_unpublished_changes


def test_editor_submits_profile_for_review(client, team, profile):
    client.force_login(team.editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[profile.pk]),
        profile_form(profile, "action-submit"),
    )
    assert current_task(profile).task.name == "Regional expert check"


def test_editor_cannot_bulk_publish_profile(client, team, profile):
    client.force_login(team.editor)
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={profile.pk}"
    )
    client.post(url, {"include_descendants": ""})
    profile.refresh_from_db()
    assert not profile.live
