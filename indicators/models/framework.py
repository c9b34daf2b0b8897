"""The indicator framework: policy areas contain dimensions, dimensions contain indicators."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_supported_language_variant
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class CompetenceLevel(models.TextChoices):
    NATIONAL = "national", "National"
    REGIONAL = "regional", "Regional"
    SHARED = "shared", "Shared"


class Framework(index.Indexed, models.Model):
    """A named indicator set, such as "MIPEX national 2020" or "MIPEX-REG pilot"."""

    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    unanswered_counts_as_zero = models.BooleanField(
        default=False,
        help_text=(
            "Score unanswered indicators as 0 instead of leaving them out of the means. "
            "Not-applicable indicators are always left out."
        ),
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def default_language_code() -> str:
    """Return the language code of the default locale, the one the framework is written in."""
    return get_supported_language_variant(settings.LANGUAGE_CODE)


class FrameworkItemQuerySet(models.QuerySet):
    """Policy areas, dimensions, indicators and answer options, which exist once per locale.

    The rows of the default locale are the framework: codes, order, parents and weights,
    and the rows that answers point to. Rows of other locales are wagtail-localize
    translations that only add translated text, so scoring, imports and exports read
    `source()` rows.
    """

    def source(self) -> "FrameworkItemQuerySet":
        return self.filter(locale__language_code=default_language_code())


class PolicyArea(TranslatableMixin, index.Indexed, models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=255)
    order = models.PositiveIntegerField(default=0)
    description = models.TextField(blank=True)
    comparable_area = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comparable_areas",
        help_text="The policy area of a national framework that this area is compared with.",
    )

    objects = FrameworkItemQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("framework", overridable=False),
        SynchronizedField("code", overridable=False),
        SynchronizedField("order", overridable=False),
        SynchronizedField("comparable_area", overridable=False),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["framework", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "locale", "code"], name="unique_area_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Dimension(TranslatableMixin, models.Model):
    # Denormalised from `area` so that codes can be unique per framework in the database.
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="dimensions")
    area = models.ForeignKey(PolicyArea, on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=255)
    order = models.PositiveIntegerField(default=0)

    objects = FrameworkItemQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("framework", overridable=False),
        SynchronizedField("area", overridable=False),
        SynchronizedField("code", overridable=False),
        SynchronizedField("order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["area__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "locale", "code"], name="unique_dimension_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Axis(models.Model):
    """An extra axis to summarise scores on, such as policy-cycle stage or target group."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="axes")
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=255)

    class Meta:
        ordering = ["framework", "code"]
        verbose_name_plural = "axes"
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_axis_code")
        ]

    def __str__(self) -> str:
        return self.name


class AxisValue(models.Model):
    axis = models.ForeignKey(Axis, on_delete=models.CASCADE, related_name="values")
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=255)

    class Meta:
        ordering = ["axis", "code"]
        constraints = [
            models.UniqueConstraint(fields=["axis", "code"], name="unique_axis_value_code")
        ]

    def __str__(self) -> str:
        return f"{self.axis.code}:{self.code}"


class Indicator(TranslatableMixin, index.Indexed, ClusterableModel):
    """A question of the framework, or a part of a composite indicator.

    A composite indicator's score is the weighted mean of its parts' scores, unless the
    indicator itself carries a score (national workbooks store the composite's score too).
    """

    # Denormalised from `dimension` so that codes can be unique per framework in the database.
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="indicators")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="parts",
        help_text="The composite indicator this indicator is a part of.",
    )
    code = models.CharField(max_length=40)
    title = models.CharField(max_length=255)
    question = models.TextField(blank=True)
    competence_level = models.CharField(
        max_length=10, choices=CompetenceLevel.choices, default=CompetenceLevel.NATIONAL
    )
    weight = models.FloatField(
        default=1.0,
        validators=[MinValueValidator(0)],
        help_text="Weight of this part in its composite indicator's mean.",
    )
    order = models.PositiveIntegerField(default=0)
    axis_values = models.ManyToManyField(AxisValue, blank=True, related_name="indicators")

    objects = FrameworkItemQuerySet.as_manager()

    # Translations point to the source's dimension and parent: the structure is one.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("question"),
        # The answer options' labels are segments of their indicator's translation.
        TranslatableField("options"),
        SynchronizedField("framework", overridable=False),
        SynchronizedField("dimension", overridable=False),
        SynchronizedField("parent", overridable=False),
        SynchronizedField("code", overridable=False),
        SynchronizedField("competence_level", overridable=False),
        SynchronizedField("weight", overridable=False),
        SynchronizedField("order", overridable=False),
    ]

    search_fields = [
        index.SearchField("code"),
        index.SearchField("title"),
        index.SearchField("question"),
        index.AutocompleteField("title"),
        index.FilterField("framework_id"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["framework", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "locale", "code"], name="unique_indicator_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class AnswerOption(TranslatableMixin, models.Model):
    """An answer to an indicator's question, with its score.

    A translated indicator has its own options, which wagtail-localize copies from the
    source's with translated labels. Answers always point to the source's options.
    """

    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="options")
    code = models.CharField(max_length=20)
    label = models.TextField()
    score = models.FloatField(validators=SCORE_VALIDATORS)
    order = models.PositiveIntegerField(default=0)

    objects = FrameworkItemQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("label"),
        SynchronizedField("code", overridable=False),
        SynchronizedField("score", overridable=False),
        SynchronizedField("order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["indicator", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "code"], name="unique_option_code"),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="option_score_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.score:g})"
