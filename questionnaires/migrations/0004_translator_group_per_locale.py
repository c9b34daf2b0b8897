"""Replace the single Translator group with one group per locale, named "Translator (<code>)".

Locales added later get their group from a post_save signal (questionnaires.apps).
"""

from django.db import migrations


def split_translator_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Locale = apps.get_model("wagtailcore", "Locale")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    translator = Group.objects.filter(name="Translator").first()
    if translator is None:
        return

    page_permissions = list(GroupPagePermission.objects.filter(group=translator))
    for locale in Locale.objects.all():
        group, _ = Group.objects.get_or_create(name=f"Translator ({locale.language_code})")
        group.permissions.add(*translator.permissions.all())
        for page_permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page_permission.page, permission=page_permission.permission
            )
    translator.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaires", "0003_regional_expert_check_task"),
    ]

    # Reversing leaves the per-locale groups in place; 0002's reversal deletes only "Translator".
    operations = [migrations.RunPython(split_translator_group, migrations.RunPython.noop)]
