"""Existing policy areas, dimensions and indicators become rows of the default locale."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_translatable_framework_items")]

    operations = [
        BootstrapTranslatableModel(f"indicators.{model}")
        for model in ("policyarea", "dimension", "indicator")
    ]
