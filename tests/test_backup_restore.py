"""A backup made by scripts/backup.sh restores, with scripts/restore.sh, into a scratch database that
holds the same rows in every table, the same audit trail, and an audit table that still refuses
changes (the append-only trigger came back with it)."""

import subprocess
from pathlib import Path

import psycopg2
import pytest
from django.db import connection
from django.utils import timezone

from recovery_portal.audit import audit_record
from recovery_portal.models import AuditAction, AuditEvent

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db(transaction=True)


def _url(name: str) -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"


def _connect(name: str):
    db = connection.settings_dict
    return psycopg2.connect(dbname=name, user=db["USER"], host=db["HOST"], port=db["PORT"])


def _row_counts(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [name for (name,) in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names read from pg_tables
        counts[table] = cursor.fetchone()[0]
    return counts


AUDIT_ROWS = (
    "SELECT id, occurred_at, actor_id, action, object_type_id, object_id, reason, request_id, ip_address "
    "FROM recovery_portal_auditevent ORDER BY id"
)


@pytest.fixture
def scratch_database():
    name = f"restore_check_{timezone.now():%H%M%S%f}"
    admin = _connect("postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_backup_restores_every_row_and_the_append_only_audit_trail(
    tmp_path, client, personas, serviceuser_record, safety_plan, crisis_plan, scratch_database
):
    clinician = personas["clinician"]
    client.force_login(clinician)
    for path in (f"/people/{serviceuser_record.pk}/", f"/people/plans/{safety_plan.pk}/"):
        assert client.get(path).status_code == 200
    audit_record(actor=clinician, action=AuditAction.EXPORT, obj=crisis_plan, reason="Printed for a review")
    assert AuditEvent.objects.count() >= 3

    backup = tmp_path / "portal.dump"
    made = _run(
        "scripts/backup.sh", "--database-url", _url(connection.settings_dict["NAME"]), "--output", str(backup)
    )
    assert made.returncode == 0, made.stderr
    assert backup.stat().st_size > 0 and not (tmp_path / "portal.dump.partial").exists()

    restored = _run("scripts/restore.sh", str(backup), _url(scratch_database))
    assert restored.returncode == 0, restored.stderr

    with connection.cursor() as cursor:
        original_counts = _row_counts(cursor)
        cursor.execute(AUDIT_ROWS)
        original_audit = cursor.fetchall()
    copy = _connect(scratch_database)
    try:
        with copy.cursor() as cursor:
            assert _row_counts(cursor) == original_counts
            cursor.execute(AUDIT_ROWS)
            assert cursor.fetchall() == original_audit
        for statement in (
            "UPDATE recovery_portal_auditevent SET reason = 'rewritten'",
            "DELETE FROM recovery_portal_auditevent",
        ):
            with (
                pytest.raises(psycopg2.errors.InsufficientPrivilege, match="append-only"),
                copy.cursor() as cursor,
            ):
                cursor.execute(statement)
            copy.rollback()
    finally:
        copy.close()

    # A second restore onto the now populated copy is refused unless asked for in so many words.
    again = _run("scripts/restore.sh", str(backup), _url(scratch_database))
    assert again.returncode == 3
    assert "Refusing to restore" in again.stderr
    replaced = _run("scripts/restore.sh", "--replace", str(backup), _url(scratch_database))
    assert replaced.returncode == 0, replaced.stderr
