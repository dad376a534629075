"""On PostgreSQL, the database itself refuses to change or remove audit events."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION recovery_portal_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER auditevent_append_only
    BEFORE UPDATE OR DELETE ON recovery_portal_auditevent
    FOR EACH ROW EXECUTE FUNCTION recovery_portal_auditevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS auditevent_append_only ON recovery_portal_auditevent;
DROP FUNCTION IF EXISTS recovery_portal_auditevent_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("recovery_portal", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
