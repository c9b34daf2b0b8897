from django.db import models
from wagtail.search import index

from .framework import Framework


class EditionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Edition(index.Indexed, models.Model):
    """One round of data collection on one framework, such as MIPEX 2019."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="editions")
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=255)
    year = models.PositiveIntegerField()
    status = models.CharField(
        max_length=10, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    scores_computed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the stored scores were last computed.",
    )

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("slug"),
        index.FilterField("year"),
    ]

    class Meta:
        ordering = ["-year", "slug"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == EditionStatus.PUBLISHED
