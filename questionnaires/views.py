"""Wagtail admin views of the review method: questionnaire, peer review, resolution, history.

Each view checks who may see the assignment. The service functions check again who may act
and in which state, so a forged POST is rejected like a click in the wrong step.
"""

import logging

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from indicators.importers.errors import ImportFailed
from indicators.importers.responses import import_responses
from indicators.models import Answer, AnswerOption, Edition, Indicator, ResponseRole
from regions.models import Region

from . import services, xlsx
from .models import Assignment, AssignmentState, IndicatorReview, ReviewStatus
from .roles import EXPERT_GROUP, PEER_REVIEWER_GROUP, in_group, is_coordinator
from .services import InvalidTransition, ReviewConflict

logger = logging.getLogger(__name__)

NOT_APPLICABLE_VALUE = "n/a"


def visible_assignments(user):
    """Return the assignments a user may open: all for coordinators, else the user's own."""
    assignments = Assignment.objects.select_related("edition", "region", "expert", "peer_reviewer")
    if is_coordinator(user):
        return assignments
    return assignments.filter(Q(expert=user) | Q(peer_reviewer=user))


def _assignment(request: HttpRequest, pk: int) -> Assignment:
    assignment = get_object_or_404(
        Assignment.objects.select_related("edition", "region", "expert", "peer_reviewer"), pk=pk
    )
    if not visible_assignments(request.user).filter(pk=pk).exists():
        raise PermissionDenied(f"{assignment} is not assigned to you.")
    return assignment


def _detail(assignment: Assignment) -> str:
    return reverse("questionnaires:assignment", args=[assignment.pk])


def _parse_answer(indicator: Indicator, value: str) -> tuple[AnswerOption | None, bool]:
    """Turn a posted option value (an option id or "n/a") into (option, not applicable)."""
    if value == NOT_APPLICABLE_VALUE:
        return None, True
    if not value:
        return None, False
    option = indicator.options.filter(pk=value).first() if value.isdigit() else None
    if option is None:
        raise InvalidTransition(f'"{value}" is not an option of indicator "{indicator.code}".')
    return option, False


def _answers(assignment: Assignment, role: str) -> dict[int, Answer]:
    answers = Answer.objects.filter(
        response__edition_id=assignment.edition_id,
        response__region_id=assignment.region_id,
        response__role=role,
    ).select_related("option")
    return {answer.indicator_id: answer for answer in answers}


# Lists and detail


def assignment_index(request: HttpRequest) -> HttpResponse:
    assignments = visible_assignments(request.user).order_by("edition", "region__code")
    return TemplateResponse(
        request,
        "questionnaires/assignment_index.html",
        {
            "assignments": assignments,
            "can_assign": is_coordinator(request.user),
        },
    )


def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    areas, overall = services.progress(assignment)
    user = request.user
    is_expert = user.pk == assignment.expert_id
    is_reviewer = user.pk == assignment.peer_reviewer_id
    state = assignment.state
    return TemplateResponse(
        request,
        "questionnaires/assignment_detail.html",
        {
            "assignment": assignment,
            "areas": areas,
            "overall": overall,
            "can_answer": is_expert and state == AssignmentState.DRAFT,
            "can_submit": is_expert and state == AssignmentState.DRAFT,
            "can_start_review": is_reviewer and state == AssignmentState.SUBMITTED,
            "can_review": is_reviewer and state == AssignmentState.IN_PEER_REVIEW,
            "can_resolve": is_coordinator(user)
            and not (is_expert or is_reviewer)
            and state == AssignmentState.REVIEWED,
            "is_coordinator": is_coordinator(user),
            "review_counts": {
                ReviewStatus(status).label: count
                for status, count in _status_counts(assignment).items()
            },
        },
    )


def _status_counts(assignment: Assignment) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in assignment.reviews.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


class AssignForm(forms.Form):
    edition = forms.ModelChoiceField(Edition.objects.all())
    region = forms.ModelChoiceField(Region.objects.all())
    expert = forms.ModelChoiceField(queryset=None)
    peer_reviewer = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        self.fields["expert"].queryset = users.filter(groups__name=EXPERT_GROUP)
        self.fields["peer_reviewer"].queryset = users.filter(groups__name=PEER_REVIEWER_GROUP)


def assign(request: HttpRequest) -> HttpResponse:
    if not is_coordinator(request.user):
        raise PermissionDenied("Only coordinators assign experts and peer reviewers.")
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.assign(request.user, **form.cleaned_data)
        except InvalidTransition as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{assignment} assigned.")
            return redirect(_detail(assignment))
    return TemplateResponse(request, "questionnaires/assign.html", {"form": form})


# Expert questionnaire


def questionnaire_area(request: HttpRequest, pk: int, area_code: str) -> HttpResponse:
    """Show the expert's answers of one policy area; save them as a draft on POST."""
    assignment = _assignment(request, pk)
    indicators = [
        indicator
        for indicator in services.answerable_indicators(
            assignment.edition.framework_id
        ).prefetch_related("options")
        if indicator.dimension.area.code == area_code
    ]
    if not indicators:
        raise PermissionDenied(f'Policy area "{area_code}" has no indicators to answer.')
    if request.user.pk == assignment.peer_reviewer_id and assignment.state == AssignmentState.DRAFT:
        raise PermissionDenied(
            f"The expert has not submitted {assignment} yet, so its answers are not shown to the "
            "peer reviewer."
        )
    editable = services.editable_indicator_ids(assignment)
    may_edit = request.user.pk == assignment.expert_id and assignment.state == AssignmentState.DRAFT

    errors: dict[int, str] = {}
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(
                f"Only the assigned expert of {assignment} can change its answers, and only "
                "while it is a draft."
            )
        saved = 0
        for indicator in indicators:
            if editable is not None and indicator.pk not in editable:
                continue
            try:
                option, not_applicable = _parse_answer(
                    indicator, request.POST.get(f"answer-{indicator.pk}", "")
                )
                saved += services.save_answer(
                    request.user,
                    assignment,
                    indicator,
                    option=option,
                    not_applicable=not_applicable,
                    source=request.POST.get(f"source-{indicator.pk}", "").strip(),
                    comment=request.POST.get(f"comment-{indicator.pk}", "").strip(),
                )
            except InvalidTransition as error:
                errors[indicator.pk] = str(error)
        if not errors:
            messages.success(request, f"Draft saved: {saved} answers changed.")
            return redirect(request.path)
        logger.info("Rejected answers", extra={"assignment": assignment.pk, "errors": len(errors)})
        messages.error(request, "Some answers were not saved; see the messages below.")

    answers = _answers(assignment, ResponseRole.EXPERT)
    reviews = {r.indicator_id: r for r in assignment.reviews.all()}
    rows = [
        {
            "indicator": indicator,
            "answer": answers.get(indicator.pk),
            "review": reviews.get(indicator.pk),
            "editable": may_edit and (editable is None or indicator.pk in editable),
            "error": errors.get(indicator.pk, ""),
        }
        for indicator in indicators
    ]
    areas, overall = services.progress(assignment)
    return TemplateResponse(
        request,
        "questionnaires/questionnaire_area.html",
        {
            "assignment": assignment,
            "area": indicators[0].dimension.area,
            "rows": rows,
            "areas": areas,
            "overall": overall,
            "may_edit": may_edit,
            "is_coordinator": is_coordinator(request.user),
        },
    )


def _run_transition(request: HttpRequest, assignment: Assignment, action, success: str):
    try:
        action(request.user, assignment)
    except InvalidTransition as error:
        logger.info(
            "Rejected transition",
            extra={"assignment": assignment.pk, "action": action.__name__, "error": str(error)},
        )
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(_detail(assignment))


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    return _run_transition(
        request, assignment, services.submit, "Questionnaire submitted for peer review."
    )


@require_POST
def start_peer_review(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    return _run_transition(request, assignment, services.start_peer_review, "Peer review started.")


@require_POST
def finish_peer_review(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    return _run_transition(
        request, assignment, services.finish_peer_review, "Peer review finished."
    )


# Peer review


def peer_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the expert's answers beside the reviewer's verdicts; save the verdicts on POST."""
    assignment = _assignment(request, pk)
    if request.user.pk != assignment.peer_reviewer_id:
        raise PermissionDenied(f"Only the assigned peer reviewer of {assignment} reviews it.")
    if assignment.state == AssignmentState.DRAFT:
        raise PermissionDenied(f"The expert has not submitted {assignment} yet.")
    reviews = list(
        assignment.reviews.select_related("indicator", "proposed_option").prefetch_related(
            "indicator__options"
        )
    )

    errors: dict[int, str] = {}
    if request.method == "POST":
        saved = 0
        for review in reviews:
            verdict = request.POST.get(f"verdict-{review.indicator_id}", "")
            if not verdict:
                continue
            try:
                option, not_applicable = _parse_answer(
                    review.indicator, request.POST.get(f"proposal-{review.indicator_id}", "")
                )
                services.review_indicator(
                    request.user,
                    assignment,
                    review.indicator,
                    agrees=verdict == "agree",
                    option=option,
                    not_applicable=not_applicable,
                    comment=request.POST.get(f"comment-{review.indicator_id}", "").strip(),
                )
                saved += 1
            except InvalidTransition as error:
                errors[review.indicator_id] = str(error)
        if not errors:
            messages.success(request, f"Peer review saved for {saved} indicators.")
            return redirect(request.path)
        logger.info(
            "Rejected peer review verdicts",
            extra={"assignment": assignment.pk, "errors": len(errors)},
        )
        messages.error(request, "Some verdicts were not saved; see the messages below.")

    answers = _answers(assignment, ResponseRole.EXPERT)
    rows = [
        {
            "review": review,
            "indicator": review.indicator,
            "answer": answers.get(review.indicator_id),
            "error": errors.get(review.indicator_id, ""),
            "open": review.status
            in (ReviewStatus.PENDING, ReviewStatus.AGREED, ReviewStatus.DISAGREED),
        }
        for review in reviews
    ]
    return TemplateResponse(
        request,
        "questionnaires/peer_review.html",
        {
            "assignment": assignment,
            "rows": rows,
            "may_edit": assignment.state == AssignmentState.IN_PEER_REVIEW,
        },
    )


# Resolution and history


def resolution(request: HttpRequest, pk: int) -> HttpResponse:
    """List the disagreements side by side; resolve or send back one indicator per POST."""
    assignment = _assignment(request, pk)
    if not is_coordinator(request.user):
        raise PermissionDenied("Only coordinators resolve disagreements.")

    if request.method == "POST":
        indicator = get_object_or_404(
            Indicator,
            pk=request.POST.get("indicator", ""),
            framework_id=assignment.edition.framework_id,
        )
        version_text = request.POST.get("version", "")
        version = int(version_text) if version_text.isdigit() else -1
        try:
            if "send_back" in request.POST:
                services.send_back(
                    request.user,
                    assignment,
                    indicator,
                    comment=request.POST.get("rationale", ""),
                    version=version,
                )
                messages.success(request, f'Indicator "{indicator.code}" sent back to the expert.')
                return redirect(_detail(assignment))
            option, not_applicable = _parse_answer(indicator, request.POST.get("final", ""))
            services.resolve_indicator(
                request.user,
                assignment,
                indicator,
                option=option,
                not_applicable=not_applicable,
                rationale=request.POST.get("rationale", ""),
                version=version,
            )
            messages.success(request, f'Indicator "{indicator.code}" resolved.')
        except ReviewConflict as conflict:
            logger.info(
                "Resolution conflict",
                extra={"assignment": assignment.pk, "indicator": indicator.code},
            )
            messages.error(request, str(conflict))
            return redirect(request.path)
        except InvalidTransition as error:
            logger.info(
                "Rejected resolution",
                extra={
                    "assignment": assignment.pk,
                    "indicator": indicator.code,
                    "error": str(error),
                },
            )
            messages.error(request, str(error))
        return redirect(request.path)

    answers = _answers(assignment, ResponseRole.EXPERT)
    disagreements = (
        assignment.reviews.filter(status=ReviewStatus.DISAGREED)
        .select_related("indicator", "proposed_option")
        .prefetch_related("indicator__options")
    )
    return TemplateResponse(
        request,
        "questionnaires/resolution.html",
        {
            "assignment": assignment,
            "rows": [
                {"review": review, "answer": answers.get(review.indicator_id)}
                for review in disagreements
            ],
            "may_resolve": assignment.state == AssignmentState.REVIEWED,
        },
    )


def history(request: HttpRequest, pk: int, indicator_code: str) -> HttpResponse:
    assignment = _assignment(request, pk)
    indicator = get_object_or_404(
        Indicator, framework_id=assignment.edition.framework_id, code=indicator_code
    )
    changes = services.indicator_history(request.user, assignment, indicator)
    review = IndicatorReview.objects.filter(assignment=assignment, indicator=indicator).first()
    return TemplateResponse(
        request,
        "questionnaires/history.html",
        {"assignment": assignment, "indicator": indicator, "changes": changes, "review": review},
    )


# Offline questionnaire


def download_template(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    if request.user.pk != assignment.expert_id and not is_coordinator(request.user):
        raise PermissionDenied(f"Only the expert of {assignment} downloads its questionnaire.")
    content = xlsx.questionnaire_workbook(assignment)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"questionnaire-{assignment.edition.slug}-{assignment.region.code}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class UploadForm(forms.Form):
    file = forms.FileField(label="Filled questionnaire (XLSX)")


def upload_questionnaire(request: HttpRequest, pk: int) -> HttpResponse:
    """Import a filled questionnaire workbook as the expert's answers, all or nothing."""
    assignment = _assignment(request, pk)
    if request.user.pk != assignment.expert_id:
        raise PermissionDenied(f"Only the expert of {assignment} uploads its questionnaire.")
    if assignment.state != AssignmentState.DRAFT:
        raise PermissionDenied(f"{assignment} is not in draft, so answers cannot be uploaded.")

    form = UploadForm(request.POST or None, request.FILES or None)
    errors: list = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = xlsx.import_questionnaire(
                assignment, (upload.name, upload.read()), request.user, import_responses
            )
        except ImportFailed as failure:
            errors = failure.errors
        except InvalidTransition as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, result.summary())
            return redirect(_detail(assignment))
    return TemplateResponse(
        request,
        "questionnaires/upload.html",
        {"assignment": assignment, "form": form, "errors": errors},
    )


def dashboard_context(user) -> dict:
    """Return the data of the admin dashboard panel for one user."""
    assignments = list(visible_assignments(user).order_by("edition", "region__code"))
    awaiting = [
        a
        for a in assignments
        if (a.peer_reviewer_id == user.pk and a.state in ("submitted", "in_peer_review"))
        or (is_coordinator(user) and a.state == AssignmentState.REVIEWED)
    ]
    rows = []
    for assignment in assignments:
        areas, overall = services.progress(assignment)
        rows.append(
            {
                "assignment": assignment,
                "areas": areas,
                "overall": overall,
                "disagreements": assignment.reviews.filter(status=ReviewStatus.DISAGREED).count(),
            }
        )
    return {
        "rows": rows,
        "awaiting": awaiting,
        "is_reviewer": in_group(user, PEER_REVIEWER_GROUP),
    }
