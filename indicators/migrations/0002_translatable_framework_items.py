"""Policy areas, dimensions and indicators become translatable: add their locale fields.

Three migrations, so that PostgreSQL runs the data step apart from the schema changes:
this one adds the fields, 0003 gives existing rows the default locale, 0004 makes the
fields required and codes unique per framework and locale.
"""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ("policyarea", "dimension", "indicator")


def _nullable_fields(model: str) -> list:
    return [
        migrations.AddField(
            model_name=model,
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name=model,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [operation for model in MODELS for operation in _nullable_fields(model)]
