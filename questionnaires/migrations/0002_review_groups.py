"""Create the groups of the review method with the permissions each needs.

Experts and peer reviewers only get admin access: the review views check per assignment
which region and step they may work on. Model permissions do not exist yet on a fresh
database (Django creates them after all migrations), so they are created here first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMIN = [("wagtailadmin", "admin", "access_admin")]
GROUP_PERMISSIONS = {
    "Expert": ADMIN,
    "Peer reviewer": ADMIN,
    "Coordinator": ADMIN
    + [
        ("questionnaires", "assignment", "add_assignment"),
        ("questionnaires", "assignment", "change_assignment"),
        ("questionnaires", "assignment", "view_assignment"),
        ("questionnaires", "indicatorreview", "view_indicatorreview"),
        ("questionnaires", "answerchange", "view_answerchange"),
        ("indicators", "questionnaireresponse", "view_questionnaireresponse"),
    ],
    "Editor": ADMIN
    + [
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
    "Translator": ADMIN + [("wagtail_localize", "translation", "submit_translation")],
}
# Page permissions on the whole tree, granted on the root page.
GROUP_PAGE_PERMISSIONS = {
    "Editor": ["add_page", "change_page", "publish_page"],
    "Translator": ["change_page"],
}


def _permission(apps, app_label: str, model: str, codename: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()

    for name, permissions in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(_permission(apps, *key) for key in permissions))
        for codename in GROUP_PAGE_PERMISSIONS.get(name, []):
            if root is None:
                continue
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaires", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
