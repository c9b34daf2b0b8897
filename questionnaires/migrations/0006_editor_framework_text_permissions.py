"""Editors change the text of policy areas, dimensions and indicators, and their translations.

wagtail-localize opens a snippet's translation editor through the snippet's edit view, so
editors need "change" on the three models. The admin forms offer text fields only.
"""

from django.db import migrations

EDITOR_PERMISSIONS = [
    ("indicators", "policyarea", "change_policyarea"),
    ("indicators", "dimension", "change_dimension"),
    ("indicators", "indicator", "change_indicator"),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor = Group.objects.filter(name="Editor").first()
    if editor is None:
        return
    editor.permissions.add(
        *(
            Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
            for app_label, model, codename in EDITOR_PERMISSIONS
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editor = Group.objects.filter(name="Editor").first()
    if editor is None:
        return
    for app_label, model, codename in EDITOR_PERMISSIONS:
        editor.permissions.remove(
            *editor.permissions.filter(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
        )


class Migration(migrations.Migration):
    dependencies = [("questionnaires", "0005_editor_translation_permissions")]

    operations = [migrations.RunPython(grant, revoke)]
