"""The demo's review data: assignments for the nine regions, one still in peer review."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import WorkflowPage

from questionnaires.models import Assignment, AssignmentState, ReviewStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")


def test_demo_assigns_every_region(demo):
    states = dict(Assignment.objects.values_list("region__code", "state"))
    assert len(states) == 9
    assert states.pop("DE80") == AssignmentState.IN_PEER_REVIEW
    assert set(states.values()) == {AssignmentState.RESOLVED}


def test_demo_resolved_regions_fully_resolved(demo):
    resolved = Assignment.objects.get(region__code="ES51")
    assert not resolved.reviews.exclude(status=ReviewStatus.RESOLVED).exists()
    assert resolved.reviews.count() > 0


def test_demo_peer_review_partly_done(demo):
    in_review = Assignment.objects.get(region__code="DE80")
    statuses = set(in_review.reviews.values_list("status", flat=True))
    assert ReviewStatus.PENDING in statuses
    assert statuses & {ReviewStatus.AGREED, ReviewStatus.DISAGREED}


def test_demo_users_cannot_log_in(demo):
    users = get_user_model().objects.filter(username__startswith="demo-")
    assert users.count() == 20
    assert not any(user.has_usable_password() for user in users)


def test_demo_applies_profile_workflow(demo):
    applied = WorkflowPage.objects.get(workflow__name="Profile review")
    profile = applied.page.get_children().first()
    assert profile.get_workflow().name == "Profile review"


def test_demo_review_is_idempotent(demo):
    call_command("load_demo")
    assert Assignment.objects.count() == 9
    assert get_user_model().objects.filter(username__startswith="demo-").count() == 20
