from django.db import models
from wagtail.search import index


class RegionLevel(models.TextChoices):
    COUNTRY = "country", "Country"
    NUTS1 = "nuts1", "NUTS 1"
    NUTS2 = "nuts2", "NUTS 2"
    NUTS3 = "nuts3", "NUTS 3"


class Region(index.Indexed, models.Model):
    """A scored jurisdiction: a country (ISO 3166-1 alpha-2 code) or a NUTS 2024 region."""

    code = models.CharField(
        max_length=10,
        unique=True,
        help_text="ISO 3166-1 alpha-2 code of a country (GR), NUTS 2024 code of a region (EL41).",
    )
    name = models.CharField(max_length=255)
    country = models.CharField(
        max_length=2, db_index=True, help_text="ISO 3166-1 alpha-2 code of the country."
    )
    level = models.CharField(max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.FilterField("country"),
        index.FilterField("level"),
    ]

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_country(self) -> bool:
        return self.level == RegionLevel.COUNTRY
