"""A PostgreSQL trigger that refuses a place number above the run's capacity (ADR 0011).

With the unique (run, place_number) constraint and place numbers from 1, a run can never hold more
places than it has, even if some code forgets to lock the run. Other databases rely on the service.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION college_enrolment_place_within_capacity() RETURNS trigger AS $$
BEGIN
    IF NEW.place_number IS NOT NULL AND NEW.place_number > (
        SELECT capacity FROM college_courserun WHERE id = NEW.run_id
    ) THEN
        RAISE EXCEPTION 'Place % is beyond the capacity of course run %', NEW.place_number, NEW.run_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER college_enrolment_place_within_capacity
    BEFORE INSERT OR UPDATE OF place_number, run_id ON college_enrolment
    FOR EACH ROW EXECUTE FUNCTION college_enrolment_place_within_capacity();
"""

DROP = """
DROP TRIGGER IF EXISTS college_enrolment_place_within_capacity ON college_enrolment;
DROP FUNCTION IF EXISTS college_enrolment_place_within_capacity();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("college", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
