"""Locale fields become required; codes are unique per framework and locale."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

CODE_CONSTRAINTS = {
    "policyarea": "unique_area_code",
    "dimension": "unique_dimension_code",
    "indicator": "unique_indicator_code",
}


def _required_fields(model: str) -> list:
    return [
        migrations.AlterField(
            model_name=model,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name=model,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name=model, unique_together={("translation_key", "locale")}
        ),
        migrations.RemoveConstraint(model_name=model, name=CODE_CONSTRAINTS[model]),
        migrations.AddConstraint(
            model_name=model,
            constraint=models.UniqueConstraint(
                fields=("framework", "locale", "code"), name=CODE_CONSTRAINTS[model]
            ),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [("indicators", "0003_framework_items_default_locale")]

    operations = [
        operation for model in CODE_CONSTRAINTS for operation in _required_fields(model)
    ]
