"""On PostgreSQL, TRUNCATE of the audit trail is refused too (row triggers do not see a TRUNCATE)."""

from django.db import migrations

# The function of migration 0002 raises for any operation it is attached to, TRUNCATE included.
CREATE = """
CREATE TRIGGER auditevent_no_truncate
    BEFORE TRUNCATE ON recovery_portal_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION recovery_portal_auditevent_append_only();
"""

DROP = "DROP TRIGGER IF EXISTS auditevent_no_truncate ON recovery_portal_auditevent;"


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("recovery_portal", "0007_message_templates")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
