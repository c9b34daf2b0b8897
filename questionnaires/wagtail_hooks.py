"""Admin URLs, menu and dashboard of the review method; checks on translators and publishing."""

import logging

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from . import views
from .profile_workflow import WORKFLOW_NAME
from .roles import (
    COORDINATOR_GROUP,
    EXPERT_GROUP,
    PEER_REVIEWER_GROUP,
    in_group,
)
from .translators import (
    language_names,
    may_edit_locale,
    may_edit_translation,
    translator_language_codes,
)

logger = logging.getLogger(__name__)


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


def _reject_other_locale(request, page: Page, message: str) -> HttpResponse | None:
    """Redirect to the dashboard with `message` if the user may not change `page`'s locale.

    `message` is formatted with `own` (the user's languages), `title` and `language`.
    """
    if may_edit_locale(request.user, page.locale):
        return None

    logger.warning(
        "Rejected a translator outside their locale",
        extra={"user": request.user.pk, "page": page.pk, "locale": page.locale.language_code},
    )
    messages.error(
        request,
        message
        % {
            "own": language_names(translator_language_codes(request.user)),
            "title": page.get_admin_display_title(),
            "language": page.locale.get_display_name(),
        },
    )
    return redirect("wagtailadmin_home")


# order=-1 runs these before wagtail-localize's own before_edit_page hook, which returns the
# translation editor for a translated page and handles "Start Synced translation".
@hooks.register("before_edit_page", order=-1)
def limit_translators_to_their_locales(request, page):
    rejection = _reject_other_locale(
        request,
        page,
        _("You translate into %(own)s, so you cannot edit “%(title)s” in %(language)s."),
    )
    if rejection is not None or may_edit_translation(request.user, page):
        return rejection

    logger.warning(
        "Rejected a translator's edit of a page that is not a synced translation",
        extra={"user": request.user.pk, "page": page.pk},
    )
    messages.error(
        request,
        _(
            "“%(title)s” is not a synced translation, so only editors can edit it. "
            "Translators work in the translation editor of a page submitted for translation."
        )
        % {"title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_home")


@hooks.register("before_delete_page", order=-1)
def limit_page_deletion_to_translator_locales(request, page):
    return _reject_other_locale(
        request,
        page,
        _("You translate into %(own)s, so you cannot delete “%(title)s” in %(language)s."),
    )


@hooks.register("before_convert_alias_page", order=-1)
def limit_alias_conversion_to_translator_locales(request, page):
    return _reject_other_locale(
        request,
        page,
        _(
            "You translate into %(own)s, so you cannot convert the alias “%(title)s” in "
            "%(language)s into an ordinary page."
        ),
    )


@hooks.register("before_bulk_action", order=-1)
def limit_bulk_actions_to_translator_locales(request, action_type, objects, action_class_instance):
    outside = [
        page
        for page in objects
        if isinstance(page, Page) and not may_edit_locale(request.user, page.locale)
    ]
    if not outside:
        return None

    logger.warning(
        "Rejected a translator's bulk action outside their locale",
        extra={"user": request.user.pk, "action": action_type, "pages": [p.pk for p in outside]},
    )
    titles = ", ".join(
        f"“{page.get_admin_display_title()}” ({page.locale.get_display_name()})"
        for page in outside[:5]
    )
    messages.error(
        request,
        _(
            "You translate into %(own)s, so no page was changed: %(titles)s are in other "
            "languages. Select pages of your languages only."
        )
        % {"own": language_names(translator_language_codes(request.user)), "titles": titles},
    )
    return redirect("wagtailadmin_home")


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
