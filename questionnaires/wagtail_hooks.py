"""Admin URLs, menu and dashboard of the review method; checks on translators and publishing."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import views
from .profile_workflow import WORKFLOW_NAME
from .roles import (
    COORDINATOR_GROUP,
    EXPERT_GROUP,
    PEER_REVIEWER_GROUP,
    in_group,
)
from .translators import may_edit_locale


@hooks.register("register_admin_urls")
def register_review_urls():
    urls = [
        path("", views.assignment_index, name="index"),
        path("assign/", views.assign, name="assign"),
        path("<int:pk>/", views.assignment_detail, name="assignment"),
        path(
            "<int:pk>/areas/<str:area_code>/",
            views.questionnaire_area,
            name="questionnaire_area",
        ),
        path("<int:pk>/submit/", views.submit, name="submit"),
        path("<int:pk>/xlsx/", views.download_template, name="download_template"),
        path("<int:pk>/xlsx/upload/", views.upload_questionnaire, name="upload"),
        path("<int:pk>/peer-review/start/", views.start_peer_review, name="start_peer_review"),
        path("<int:pk>/peer-review/", views.peer_review, name="peer_review"),
        path("<int:pk>/peer-review/finish/", views.finish_peer_review, name="finish_peer_review"),
        path("<int:pk>/resolution/", views.resolution, name="resolution"),
        path("<int:pk>/history/<str:indicator_code>/", views.history, name="history"),
    ]
    return [path("questionnaires/", include((urls, "questionnaires")))]


def takes_part_in_review(user) -> bool:
    return any(
        in_group(user, name) for name in (EXPERT_GROUP, PEER_REVIEWER_GROUP, COORDINATOR_GROUP)
    )


class ReviewMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return takes_part_in_review(request.user)


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        "Questionnaires",
        reverse("questionnaires:index"),
        icon_name="form",
        order=850,
    )


class ReviewPanel(Component):
    """Dashboard panel: assigned regions and their state, reviews waiting, disagreements."""

    name = "questionnaires"
    order = 50

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None) -> str:
        context = views.dashboard_context(self.user)
        return render_to_string("questionnaires/dashboard_panel.html", context)


@hooks.register("construct_homepage_panels")
def add_review_panel(request, panels):
    if takes_part_in_review(request.user):
        panels.append(ReviewPanel(request.user))


@hooks.register("before_edit_page")
def limit_translators_to_their_locales(request, page):
    if not may_edit_locale(request.user, page.locale):
        raise PermissionDenied(
            f"You translate into other languages than {page.locale.get_display_name()}, "
            "so you cannot edit this page."
        )


def _bypasses_profile_review(user, page) -> bool:
    """Return whether publishing `page` directly would skip the Profile review workflow."""
    if user.is_superuser:
        return False
    workflow = page.get_workflow()
    return workflow is not None and workflow.name == WORKFLOW_NAME


@hooks.register("before_publish_page")
def require_profile_review(request, page):
    if _bypasses_profile_review(request.user, page):
        messages.error(
            request,
            f'"{page.title}" is published through the {WORKFLOW_NAME} workflow: your changes '
            "are saved as a draft; submit them for review instead.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def require_profile_review_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    blocked = [page for page in objects if _bypasses_profile_review(request.user, page)]
    if blocked:
        titles = ", ".join(page.title for page in blocked[:5])
        messages.error(
            request,
            f"{len(blocked)} pages are published through the {WORKFLOW_NAME} workflow and were "
            f"not published ({titles}). Submit them for review instead.",
        )
        return redirect("wagtailadmin_home")
    return None
