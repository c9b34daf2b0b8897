"""Questionnaire responses: one per edition, region and role, with one answer per indicator."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .edition import Edition
from .framework import SCORE_VALIDATORS, AnswerOption, Indicator


class ResponseRole(models.TextChoices):
    EXPERT = "expert", "Expert"
    PEER_REVIEWER = "peer_reviewer", "Peer reviewer"
    FINAL = "final", "Final"


class QuestionnaireResponse(models.Model):
    """The answers of one role for one region in one edition. Only `final` answers are scored."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="responses")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="responses")
    role = models.CharField(max_length=20, choices=ResponseRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["edition", "region__code", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "region", "role"], name="unique_response_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.edition.slug} {self.region.code} {self.get_role_display()}"


class AnswerKind(models.TextChoices):
    OPTION = "option", "Answer option"
    DIRECT_SCORE = "direct_score", "Direct score"
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    UNANSWERED = "unanswered", "Unanswered"


class Answer(models.Model):
    """One indicator's answer: an option, a direct score, "not applicable", or nothing yet."""

    response = models.ForeignKey(
        QuestionnaireResponse, on_delete=models.CASCADE, related_name="answers"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        AnswerOption, null=True, blank=True, on_delete=models.PROTECT, related_name="answers"
    )
    direct_score = models.FloatField(
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
        help_text="A score from 0 to 100 given directly, as national workbooks do.",
    )
    is_not_applicable = models.BooleanField(default=False)
    source = models.TextField(blank=True, help_text="Legal source or reference.")
    comment = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["response", "indicator__order"]
        constraints = [
            models.UniqueConstraint(fields=["response", "indicator"], name="unique_answer"),
            models.CheckConstraint(
                name="answer_has_one_kind",
                condition=(
                    models.Q(option__isnull=True)
                    | models.Q(direct_score__isnull=True, is_not_applicable=False)
                )
                & (models.Q(direct_score__isnull=True) | models.Q(is_not_applicable=False)),
            ),
            models.CheckConstraint(
                name="direct_score_0_100",
                condition=models.Q(direct_score__isnull=True)
                | models.Q(direct_score__gte=0, direct_score__lte=100),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response} {self.indicator.code}"

    @property
    def kind(self) -> str:
        if self.is_not_applicable:
            return AnswerKind.NOT_APPLICABLE
        if self.option_id is not None:
            return AnswerKind.OPTION
        if self.direct_score is not None:
            return AnswerKind.DIRECT_SCORE
        return AnswerKind.UNANSWERED

    @property
    def score(self) -> float | None:
        """The answer's own score, before any composite or coverage rule is applied."""
        if self.option_id is not None:
            return self.option.score
        return self.direct_score
