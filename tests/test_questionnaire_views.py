"""The review method's admin views: who sees and posts what, and the refusals over HTTP."""

import html
import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Answer, ResponseRole
from questionnaires import services
from questionnaires.models import AnswerChange, AssignmentState, ReviewStatus
from questionnaires.testing import advance, indicator, make_team, make_user
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


def url(name: str, assignment, *args) -> str:
    return reverse(f"questionnaires:{name}", args=[assignment.pk, *args])


def area_post(edition, values: dict[str, str]) -> dict[str, str]:
    data = {}
    for code, value in values.items():
        ind = indicator(edition, code)
        if value != "n/a":
            value = str(ind.options.get(code=value).pk)
        data[f"answer-{ind.pk}"] = value
        data[f"source-{ind.pk}"] = f"Law on {code}"
    return data


def text(response) -> str:
    """Return the page's HTML with entities decoded, so that messages compare as written."""
    return html.unescape(response.content.decode())


def assert_refused(response) -> None:
    """Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message."""
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


# Visibility


def test_index_lists_only_own_assignments(client, team, edition, region):
    advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.other_expert)
    response = client.get(reverse("questionnaires:index"))
    assert response.status_code == 200
    assert "No questionnaires are assigned to you." in text(response)


def test_detail_rejects_other_expert(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.other_expert)
    assert_refused(client.get(url("assignment", assignment)))


def test_detail_shows_progress_to_expert(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.expert)
    response = client.get(url("assignment", assignment))
    assert response.status_code == 200
    assert "0 of 2" in text(response)
    assert "Submit for peer review" in text(response)


def test_assign_view_rejects_expert(client, team):
    client.force_login(team.expert)
    assert_refused(client.get(reverse("questionnaires:assign")))


def test_assign_view_creates_assignment(client, team, edition, region):
    client.force_login(team.coordinator)
    response = client.post(
        reverse("questionnaires:assign"),
        {
            "edition": edition.pk,
            "region": region.pk,
            "expert": team.expert.pk,
            "peer_reviewer": team.peer_reviewer.pk,
        },
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["expert@example.org"]


# Questionnaire


def test_area_form_saves_draft(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.expert)
    response = client.post(
        url("questionnaire_area", assignment, "LM"), area_post(edition, {"i1": "b", "i2": "n/a"})
    )
    assert response.status_code == 302
    answers = Answer.objects.filter(response__role=ResponseRole.EXPERT)
    assert {(a.indicator.code, a.option_id is None, a.is_not_applicable) for a in answers} == {
        ("i1", False, False),
        ("i2", True, True),
    }
    assert AnswerChange.objects.filter(user=team.expert).count() == 2


def test_area_form_rejects_peer_reviewer(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.peer_reviewer)
    response = client.post(
        url("questionnaire_area", assignment, "LM"), area_post(edition, {"i1": "b"})
    )
    assert_refused(response)
    assert not Answer.objects.exists()


def test_area_form_rejects_submitted(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    client.force_login(team.expert)
    response = client.post(
        url("questionnaire_area", assignment, "LM"), area_post(edition, {"i1": "c"})
    )
    assert_refused(response)


def test_area_form_shows_invalid_option(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.expert)
    i1 = indicator(edition, "i1")
    response = client.post(
        url("questionnaire_area", assignment, "LM"), {f"answer-{i1.pk}": "999999"}
    )
    assert response.status_code == 200
    assert '"999999" is not an option of indicator "i1"' in text(response)


def test_submit_view_incomplete_shows_message(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.expert)
    response = client.post(url("submit", assignment), follow=True)
    assert "3 of 3 indicators have no answer" in text(response)
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.DRAFT


def test_submit_view_rejects_get(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.expert)
    assert client.get(url("submit", assignment)).status_code == 405


def test_submit_view_rejects_peer_reviewer(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.peer_reviewer)
    assert_refused(client.post(url("submit", assignment)))


# Peer review


def test_peer_review_view_rejects_expert(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.IN_PEER_REVIEW)
    client.force_login(team.expert)
    assert_refused(client.get(url("peer_review", assignment)))


def test_peer_review_view_saves_verdicts(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    services.start_peer_review(team.peer_reviewer, assignment)
    i1, i2 = indicator(edition, "i1"), indicator(edition, "i2")
    client.force_login(team.peer_reviewer)
    response = client.post(
        url("peer_review", assignment),
        {
            f"verdict-{i1.pk}": "agree",
            f"verdict-{i2.pk}": "disagree",
            f"proposal-{i2.pk}": str(i2.options.get(code="c").pk),
            f"comment-{i2.pk}": "Repealed in 2023.",
        },
    )
    assert response.status_code == 302
    statuses = dict(assignment.reviews.values_list("indicator__code", "status"))
    assert statuses == {
        "i1": ReviewStatus.AGREED,
        "i2": ReviewStatus.DISAGREED,
        "i3": ReviewStatus.PENDING,
    }


def test_finish_review_view_rejects_other_reviewer(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.IN_PEER_REVIEW)
    client.force_login(make_user("reviewer2", "Peer reviewer"))
    assert_refused(client.post(url("finish_peer_review", assignment)))


# Resolution and history


def test_resolution_view_shows_side_by_side(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    client.force_login(team.other_coordinator)
    response = client.get(url("resolution", assignment))
    assert response.status_code == 200
    assert "The 2024 amendment changes i2." in text(response)
    assert "Law i2" in text(response)
    assert 'id="indicator-i1"' not in text(response)


def test_resolution_view_rejects_expert(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    client.force_login(team.expert)
    assert_refused(client.get(url("resolution", assignment)))


def test_resolution_view_conflict_message(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2", "i3"))
    i2 = indicator(edition, "i2")
    version = assignment.reviews.get(indicator=i2).version
    services.resolve_indicator(
        team.coordinator,
        assignment,
        i2,
        option=i2.options.get(code="b"),
        rationale="First.",
        version=version,
    )
    client.force_login(team.other_coordinator)
    response = client.post(
        url("resolution", assignment),
        {
            "indicator": i2.pk,
            "version": version,
            "final": str(i2.options.get(code="c").pk),
            "rationale": "Second.",
            "resolve": "",
        },
        follow=True,
    )
    assert '"i2" was changed by coordinator' in text(response)
    assert assignment.reviews.get(indicator=i2).rationale == "First."


def test_resolution_view_resolves_and_finalises(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    i2 = indicator(edition, "i2")
    client.force_login(team.coordinator)
    client.post(
        url("resolution", assignment),
        {
            "indicator": i2.pk,
            "version": assignment.reviews.get(indicator=i2).version,
            "final": "n/a",
            "rationale": "Not a regional competence.",
            "resolve": "",
        },
    )
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.RESOLVED
    final = Answer.objects.get(response__role=ResponseRole.FINAL, indicator=i2)
    assert final.is_not_applicable


def test_resolution_view_sends_back(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    i2 = indicator(edition, "i2")
    client.force_login(team.coordinator)
    client.post(
        url("resolution", assignment),
        {
            "indicator": i2.pk,
            "version": assignment.reviews.get(indicator=i2).version,
            "rationale": "Which law?",
            "send_back": "",
        },
    )
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.DRAFT
    assert assignment.reviews.get(indicator=i2).status == ReviewStatus.SENT_BACK


def test_history_view_lists_changes(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    client.force_login(team.coordinator)
    response = client.get(url("history", assignment, "i2"))
    assert response.status_code == 200
    assert "proposes: b" in text(response)
    assert "The 2024 amendment changes i2." in text(response)


def test_history_view_rejects_peer_reviewer(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    client.force_login(team.peer_reviewer)
    assert_refused(client.get(url("history", assignment, "i2")))


# Dashboard


def test_dashboard_panel_lists_assignments(client, team, edition, region):
    advance(team, edition, region, AssignmentState.REVIEWED, disagree_on=("i2",))
    client.force_login(team.coordinator)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Assigned regions" in text(response)
    assert "Awaiting your review" in text(response)
    assert "LM 100%" in text(response)


# Offline questionnaire


def test_xlsx_template_has_drop_downs(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.expert)
    response = client.get(url("download_template", assignment))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("edition", "region", "role", "indicator", "answer", "source", "comment")
    assert [row[3] for row in rows[1:]] == ["i1", "i2", "i3"]
    validation = sheet.data_validations.dataValidation[0]
    assert validation.formula1 == '"a,b,c,n/a"'
    assert "E2" in str(validation.sqref)


def test_xlsx_template_rejects_peer_reviewer(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.peer_reviewer)
    assert_refused(client.get(url("download_template", assignment)))


def filled_template(client, assignment, answers: dict[str, str]) -> bytes:
    workbook = load_workbook(io.BytesIO(client.get(url("download_template", assignment)).content))
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=2):
        if row[3].value in answers:
            row[4].value = answers[row[3].value]
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def upload(client, assignment, content: bytes):
    file = io.BytesIO(content)
    file.name = "filled.xlsx"
    return client.post(url("upload", assignment), {"file": file})


def test_xlsx_upload_imports_answers(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.expert)
    response = upload(
        client, assignment, filled_template(client, assignment, {"i1": "a", "i3": "n/a"})
    )
    assert response.status_code == 302
    answers = Answer.objects.filter(response__role=ResponseRole.EXPERT, option__isnull=False)
    assert list(answers.values_list("indicator__code", flat=True)) == ["i1"]
    assert AnswerChange.objects.filter(indicator__code="i3", after="n/a").exists()


def test_xlsx_upload_invalid_option_writes_nothing(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.expert)
    content = filled_template(client, assignment, {"i1": "a", "i2": "z"})
    response = upload(client, assignment, content)
    assert response.status_code == 200
    assert '"z" is not an option of indicator "i2"' in text(response)
    assert not Answer.objects.exists()


def test_xlsx_upload_rejects_other_region_rows(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.expert)
    workbook = load_workbook(io.BytesIO(filled_template(client, assignment, {"i1": "a"})))
    workbook.active["B2"] = "EL41"
    output = io.BytesIO()
    workbook.save(output)
    response = upload(client, assignment, output.getvalue())
    assert "is not this questionnaire" in text(response)
    assert not Answer.objects.exists()


def test_xlsx_upload_rejects_submitted(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    client.force_login(team.expert)
    assert_refused(client.get(url("upload", assignment)))


def test_area_page_links_history_for_coordinator(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    client.force_login(team.coordinator)
    response = client.get(url("questionnaire_area", assignment, "LM"))
    assert url("history", assignment, "i1") in text(response)
    history = client.get(url("history", assignment, "i1"))
    assert "Expert answer" in text(history)


def test_area_page_hides_draft_from_peer_reviewer(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.peer_reviewer)
    assert_refused(client.get(url("questionnaire_area", assignment, "LM")))


def test_area_page_shows_submitted_to_peer_reviewer(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.SUBMITTED)
    client.force_login(team.peer_reviewer)
    response = client.get(url("questionnaire_area", assignment, "LM"))
    assert response.status_code == 200
    assert "Save draft" not in text(response)


def test_peer_review_view_rejects_draft(client, team, edition, region):
    assignment = advance(team, edition, region, AssignmentState.DRAFT)
    client.force_login(team.peer_reviewer)
    assert_refused(client.get(url("peer_review", assignment)))
