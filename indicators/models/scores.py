from django.db import models


class ScoreLevel(models.TextChoices):
    INDICATOR = "indicator", "Indicator"
    DIMENSION = "dimension", "Dimension"
    AREA = "area", "Policy area"
    OVERALL = "overall", "Overall"


# The `code` of the one overall score per region and edition.
OVERALL_CODE = "overall"


class Score(models.Model):
    """A computed score, stored unrounded, with its coverage.

    `answered` counts the indicators (or parts) that contribute a score, and `total` the
    ones that apply: indicators marked not applicable are in neither count.
    """

    edition = models.ForeignKey(
        "indicators.Edition", on_delete=models.CASCADE, related_name="scores"
    )
    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="scores")
    level = models.CharField(max_length=10, choices=ScoreLevel.choices)
    code = models.CharField(max_length=40)
    value = models.FloatField(
        null=True, help_text="Unrounded score from 0 to 100; empty if nothing is answered."
    )
    answered = models.PositiveIntegerField()
    total = models.PositiveIntegerField()

    class Meta:
        ordering = ["edition", "region__code", "level", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "region", "level", "code"], name="unique_score"
            )
        ]
        indexes = [models.Index(fields=["edition", "level", "code"])]

    def __str__(self) -> str:
        return f"{self.edition_id}/{self.region_id} {self.level} {self.code}: {self.value}"

    @property
    def is_complete(self) -> bool:
        return self.answered == self.total
