"""Answer options become translatable with their indicator: add their locale fields.

As for the framework items (0002 to 0004), three migrations keep PostgreSQL's data step
apart from the schema changes. The option's indicator becomes a ParentalKey, the same
foreign key in the database, so that an indicator's translation carries its options.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("indicators", "0004_framework_items_locale_required")]

    operations = [
        migrations.AddField(
            model_name="answeroption",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="answeroption",
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
        migrations.AlterField(
            model_name="answeroption",
            name="indicator",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="options",
                to="indicators.indicator",
            ),
        ),
    ]
