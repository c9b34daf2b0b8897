"""Existing answer options become rows of the default locale."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("indicators", "0005_translatable_answer_options")]

    operations = [BootstrapTranslatableModel("indicators.answeroption")]
