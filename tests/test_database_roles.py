"""The application's database role reads and writes rows but cannot change tables or rewrite the audit trail.

The suite connects as the superuser ``postgres``; this test creates the application role on the test
database with ``manage.py database_roles``, then connects as that role, as the web and worker processes do.
"""

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg2 import errors

from recovery_portal.audit import audit_record
from recovery_portal.models import AuditAction

pytestmark = pytest.mark.django_db(transaction=True)

ROLE = "recovery_app_under_test"


@pytest.fixture
def as_app_role():
    call_command("database_roles", "--role", ROLE)
    db = connection.settings_dict
    app = psycopg2.connect(host=db["HOST"], port=db["PORT"], dbname=db["NAME"], user=ROLE)
    app.autocommit = True
    yield app.cursor()
    app.close()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {ROLE}; DROP ROLE {ROLE}")


def _refused(cursor, statement):
    # By the role's privileges, not by the audit trigger (which raises the same error code).
    with pytest.raises(errors.InsufficientPrivilege, match="permission denied|must be owner"):
        cursor.execute(statement)


def test_the_application_role_reads_and_writes_rows_including_new_audit_events(as_app_role):
    as_app_role.execute("SELECT current_user")
    assert as_app_role.fetchone() == (ROLE,)

    as_app_role.execute(
        "INSERT INTO recovery_portal_workerheartbeat (requested_at, worker) VALUES (now(), 'w1') RETURNING id"
    )
    (heartbeat,) = as_app_role.fetchone()
    as_app_role.execute(
        "UPDATE recovery_portal_workerheartbeat SET answered_at = now() WHERE id = %s", [heartbeat]
    )
    as_app_role.execute("SELECT worker FROM recovery_portal_workerheartbeat WHERE id = %s", [heartbeat])
    assert as_app_role.fetchone() == ("w1",)
    as_app_role.execute("DELETE FROM recovery_portal_workerheartbeat WHERE id = %s", [heartbeat])
    as_app_role.execute(
        "INSERT INTO recovery_portal_auditevent (occurred_at, action, object_id, reason, request_id, subjects) "
        "VALUES (now(), 'view', '1', 'test', 'r1', '[]')"
    )


def test_the_application_role_cannot_change_tables_or_drop_the_audit_trigger(as_app_role):
    _refused(as_app_role, "DROP TRIGGER auditevent_append_only ON recovery_portal_auditevent")
    _refused(as_app_role, "ALTER TABLE recovery_portal_auditevent DISABLE TRIGGER auditevent_append_only")
    _refused(as_app_role, "ALTER TABLE recovery_portal_workerheartbeat ADD COLUMN note text")
    _refused(as_app_role, "DROP TABLE recovery_portal_workerheartbeat")
    _refused(as_app_role, "CREATE TABLE public.anything (id int)")


def test_the_application_role_cannot_update_delete_or_truncate_audit_events(as_app_role):
    audit_record(actor=None, action=AuditAction.SIGN_IN_FAILED, reason="kept")

    _refused(as_app_role, "UPDATE recovery_portal_auditevent SET reason = 'rewritten'")
    _refused(as_app_role, "DELETE FROM recovery_portal_auditevent")
    _refused(as_app_role, "TRUNCATE recovery_portal_auditevent")
    as_app_role.execute("SELECT reason FROM recovery_portal_auditevent")
    assert as_app_role.fetchall() == [("kept",)]


def test_tables_added_by_later_migrations_are_granted_without_a_hand_grant(as_app_role):
    with connection.cursor() as owner:
        owner.execute("CREATE TABLE later_migration_table (id serial PRIMARY KEY, note text)")
    try:
        as_app_role.execute("INSERT INTO later_migration_table (note) VALUES ('ok') RETURNING id")
        assert as_app_role.fetchone() == (1,)
    finally:
        with connection.cursor() as owner:
            owner.execute("DROP TABLE later_migration_table")


def test_running_it_again_is_safe(as_app_role):
    call_command("database_roles", "--role", ROLE)

    as_app_role.execute("SELECT count(*) FROM recovery_portal_workerheartbeat")
