"""Admin screens for browsing frameworks, editions, responses and scores."""

from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    Dimension,
    Edition,
    Framework,
    Indicator,
    PolicyArea,
    QuestionnaireResponse,
    Score,
)


class FrameworkViewSet(SnippetViewSet):
    model = Framework
    icon = "list-ul"
    list_display = ["name", "slug", "unanswered_counts_as_zero"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("unanswered_counts_as_zero"),
    ]


class PolicyAreaViewSet(SnippetViewSet):
    """Policy areas, listed so that profile blocks can choose one."""

    model = PolicyArea
    icon = "folder-open-1"
    list_display = ["code", "name", "framework", "comparable_area"]
    list_filter = ["framework"]
    list_per_page = 50
    # Text only: codes, order and comparable areas come from the framework import.
    panels = [FieldPanel("name"), FieldPanel("description")]


class DimensionViewSet(SnippetViewSet):
    """Dimensions, listed so that translators can translate their names."""

    model = Dimension
    icon = "folder-inverse"
    list_display = ["code", "name", "area"]
    list_filter = ["framework"]
    list_per_page = 50
    panels = [FieldPanel("name")]


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "tasks"
    list_display = ["code", "title", "dimension", "parent", "competence_level"]
    list_filter = ["framework", "competence_level", "dimension__area"]
    list_per_page = 50
    # Text only: weights, competence levels and tags change scores, so they come from the
    # framework import.
    panels = [FieldPanel("title"), FieldPanel("question")]


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "date"
    list_display = ["title", "slug", "year", "framework", "status", "scores_computed_at"]
    list_filter = ["status", "framework", "year"]
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("year"),
        FieldPanel("framework"),
        FieldPanel("status"),
    ]


class QuestionnaireResponseViewSet(SnippetViewSet):
    model = QuestionnaireResponse
    icon = "doc-full"
    list_display = ["edition", "region", "role", "updated_at"]
    list_filter = ["edition", "role"]
    # Not in the search index: these fields are searched with the ORM.
    search_fields = ["region__code", "region__name"]
    list_per_page = 50
    panels = [FieldPanel("edition"), FieldPanel("region"), FieldPanel("role")]
    inspect_view_enabled = True


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Model permissions without add, change or delete, for data that only code writes."""

    WRITE_ACTIONS = {"add", "change", "delete"}

    def user_has_permission(self, user, action: str) -> bool:
        return action not in self.WRITE_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class ScoreViewSet(SnippetViewSet):
    """Scores are computed, so the admin lists and inspects them but never edits them."""

    model = Score
    icon = "table"
    list_display = ["edition", "region", "level", "code", "value", "answered", "total"]
    list_filter = ["edition", "level"]
    # Not in the search index: these fields are searched with the ORM.
    search_fields = ["code", "region__code", "region__name"]
    list_per_page = 100
    inspect_view_enabled = True

    @property
    def permission_policy(self) -> ReadOnlyPermissionPolicy:
        return ReadOnlyPermissionPolicy(self.model)


class IndexDataGroup(SnippetViewSetGroup):
    menu_label = "Index data"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        FrameworkViewSet,
        PolicyAreaViewSet,
        DimensionViewSet,
        IndicatorViewSet,
        EditionViewSet,
        QuestionnaireResponseViewSet,
        ScoreViewSet,
    )
