"""Editors submit pages and snippets for translation, sync them, and edit index texts.

"Submit translation" is wagtail-localize's permission behind "Translate" and "Sync
translated pages". The view permissions let editors choose policy areas and editions in
profile blocks. wagtail-localize opens a snippet's translation editor through the
snippet's edit view, so editors also need "change" on policy areas, dimensions and
indicators; their admin forms offer text fields only.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    ("wagtail_localize", "translation", "submit_translation"),
    ("indicators", "policyarea", "view_policyarea"),
    ("indicators", "dimension", "view_dimension"),
    ("indicators", "indicator", "view_indicator"),
    ("indicators", "edition", "view_edition"),
    ("indicators", "policyarea", "change_policyarea"),
    ("indicators", "dimension", "change_dimension"),
    ("indicators", "indicator", "change_indicator"),
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor = Group.objects.filter(name="Editor").first()
    if editor is None:
        return
    for app_label, model, codename in EDITOR_PERMISSIONS:
        editor.permissions.add(
            Permission.objects.get(
                content_type__app_label=app_label,
                content_type__model=model,
                codename=codename,
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
                content_type__app_label=app_label,
                content_type__model=model,
                codename=codename,
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaires", "0004_translator_group_per_locale"),
        ("indicators", "0004_framework_items_locale_required"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
