"""Audit events name the people they were about; on PostgreSQL a GIN index finds a person's events."""

from django.db import migrations, models

CREATE_INDEX = (
    "CREATE INDEX auditevent_subjects ON recovery_portal_auditevent USING gin (subjects jsonb_path_ops)"
)
DROP_INDEX = "DROP INDEX IF EXISTS auditevent_subjects"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEX, params=None)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_INDEX, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("recovery_portal", "0008_auditevent_no_truncate"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="subjects",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
