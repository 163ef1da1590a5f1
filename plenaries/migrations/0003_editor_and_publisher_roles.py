"""The two editorial roles, as groups: Editors add and change records; Publishers also publish,
unpublish and delete. The admin enforces the rest (plenaries.admin.publishing)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
PUBLISHERS = "Publishers"


def ensure_permissions(apps):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    record = Permission.objects.filter(content_type__app_label="plenaries")
    editing = record.filter(codename__regex=r"^(add|change|view|delete)_")
    publishing = record.filter(codename__startswith="publish_")

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(editing)
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS)
    publishers.permissions.set(editing | publishing)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, PUBLISHERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("plenaries", "0002_history_versions_and_publish_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
