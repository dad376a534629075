"""A PostgreSQL trigger that refuses lowering a run's capacity below a place someone holds (ADR 0012).

The enrolment trigger (0002) checks places as they are written; this one checks the capacity as it is
written, so that neither side can leave a held place above the capacity. The service renumbers places
to fit and refuses first, with a clear message; this is the guarantee underneath.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION college_run_capacity_covers_places() RETURNS trigger AS $$
DECLARE
    highest integer;
BEGIN
    SELECT MAX(place_number) INTO highest FROM college_enrolment WHERE run_id = NEW.id;
    IF highest IS NOT NULL AND NEW.capacity < highest THEN
        RAISE EXCEPTION 'Place % of course run % is held: the capacity cannot drop to %',
            highest, NEW.id, NEW.capacity
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER college_run_capacity_covers_places
    BEFORE UPDATE OF capacity ON college_courserun
    FOR EACH ROW EXECUTE FUNCTION college_run_capacity_covers_places();
"""

DROP = """
DROP TRIGGER IF EXISTS college_run_capacity_covers_places ON college_courserun;
DROP FUNCTION IF EXISTS college_run_capacity_covers_places();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("college", "0002_enrolment_capacity_trigger")]

    operations = [migrations.RunPython(create, drop)]
