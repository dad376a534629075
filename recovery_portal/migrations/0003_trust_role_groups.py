"""The groups that hold Trust-wide roles (recovery_portal.roles.TrustRole)."""

from django.db import migrations

ROLE_GROUPS = ["Recovery College team", "Recovery Evaluation Team"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("recovery_portal", "0002_auditevent_append_only"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
