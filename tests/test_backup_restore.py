"""A backup made by scripts/backup.sh is encrypted to the Trust's backup key and readable by its owner
only; with the key, scripts/restore.sh restores it into a scratch database that holds the same rows in
every table, the same audit trail, and an audit table that still refuses changes (the append-only
trigger came back with it), and puts the uploaded files back as they were."""

import stat
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


def _age_key(path: Path) -> str:
    """Makes an age key pair as the Trust would for its backups; returns the public key."""
    made = subprocess.run(["age-keygen", "-o", str(path)], capture_output=True, text=True, check=True)
    return made.stderr.strip().removeprefix("Public key: ")


@pytest.fixture
def backup_keys(tmp_path):
    keys = tmp_path / "keys"
    keys.mkdir()
    return {
        "public": _age_key(keys / "backup.key"),
        "identity": keys / "backup.key",
        "other_identity": (keys / "other.key", _age_key(keys / "other.key"))[0],
    }


@pytest.fixture
def media_root(tmp_path):
    """Uploaded files as the portal keeps them: an import staged for checking, a generated report."""
    media = tmp_path / "portal-media"
    (media / "return_imports" / "staging").mkdir(parents=True)
    (media / "reports").mkdir()
    (media / "return_imports" / "staging" / "upload.csv").write_text(
        "nhs_number,date\n9434765919,2026-11-02\n"
    )
    (media / "reports" / "annual-2025-26.pdf").write_bytes(b"%PDF-1.7 report")
    return media


def test_a_backup_restores_every_row_and_the_append_only_audit_trail(
    tmp_path,
    client,
    personas,
    serviceuser_record,
    safety_plan,
    crisis_plan,
    scratch_database,
    backup_keys,
    media_root,
):
    clinician = personas["clinician"]
    client.force_login(clinician)
    for path in (f"/people/{serviceuser_record.pk}/", f"/people/plans/{safety_plan.pk}/"):
        assert client.get(path).status_code == 200
    audit_record(actor=clinician, action=AuditAction.EXPORT, obj=crisis_plan, reason="Printed for a review")
    assert AuditEvent.objects.count() >= 3

    backup = tmp_path / "portal.tar.age"
    made = _run(
        "scripts/backup.sh",
        *("--database-url", _url(connection.settings_dict["NAME"])),
        *("--media-root", str(media_root)),
        *("--recipient", backup_keys["public"]),
        *("--output", str(backup)),
    )
    assert made.returncode == 0, made.stderr
    assert backup.stat().st_size > 0 and not (tmp_path / "portal.tar.age.partial").exists()
    # Readable by its owner only, and nothing of the dump, the files or a person can be read without the key.
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    sealed = backup.read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1")
    for clear in (
        b"PGDMP",
        b"9434765919",
        serviceuser_record.nhs_number.encode(),
        b"recovery_portal_auditevent",
    ):
        assert clear not in sealed

    # The wrong key opens nothing, and restores nothing.
    wrong = _run(
        "scripts/restore.sh",
        "--identity",
        str(backup_keys["other_identity"]),
        str(backup),
        _url(scratch_database),
    )
    assert wrong.returncode == 4 and "Cannot decrypt" in wrong.stderr
    no_key = _run("scripts/restore.sh", str(backup), _url(scratch_database))
    assert no_key.returncode == 2

    restored_media = tmp_path / "restored-media"
    restored = _run(
        "scripts/restore.sh",
        *("--identity", str(backup_keys["identity"])),
        *("--media-root", str(restored_media)),
        str(backup),
        _url(scratch_database),
    )
    assert restored.returncode == 0, restored.stderr
    for uploaded in media_root.rglob("*"):
        if uploaded.is_file():
            assert (restored_media / uploaded.relative_to(media_root)).read_bytes() == uploaded.read_bytes()

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
    key = ("--identity", str(backup_keys["identity"]))
    again = _run("scripts/restore.sh", *key, str(backup), _url(scratch_database))
    assert again.returncode == 3
    assert "Refusing to restore" in again.stderr
    replaced = _run("scripts/restore.sh", "--replace", *key, str(backup), _url(scratch_database))
    assert replaced.returncode == 0, replaced.stderr


def test_no_backup_is_written_without_the_trusts_public_key(tmp_path):
    output = tmp_path / "portal.tar.age"
    refused = subprocess.run(
        [
            "scripts/backup.sh",
            "--database-url",
            _url(connection.settings_dict["NAME"]),
            "--output",
            str(output),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert refused.returncode == 2
    assert "age public key" in refused.stderr
    assert list(tmp_path.iterdir()) == []
