"""The uploaded file between upload, preview and import: kept in private media, never in the session.

Each user has their own folder, so a file can only be previewed or imported by whoever uploaded it. The
file is named by its SHA-256 and kept beside the report of its check (its progress while a job checks it,
then problems, counts and the first rows for the preview) and, once checked, the checked and scored
returns (``checked``), which the import writes instead of reading the file again (ADR 0029). Media files are never served from ``MEDIA_URL``.

The files hold NHS numbers and risk answers, so they are not kept: an imported or discarded file is
deleted at once, and one left in the middle (never imported, never discarded) is deleted by a scheduled
job once ``RETURN_IMPORT_STAGING_HOURS`` have passed since it was last used (``discard_expired``).
"""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from .checked import CheckedReturns
from .validation import Outcome

FOLDER = "return_imports/staging"
# The states of a staged file's check: waiting for a worker, being checked, checked (problems or preview).
QUEUED, CHECKING, CHECKED, FAILED = "queued", "checking", "checked", "failed"
SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Staged:
    user_id: int
    sha256: str
    kind: str
    file_name: str

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.user_id}/{self.sha256}.{self.kind}"

    @property
    def report_path(self) -> str:
        return f"{FOLDER}/{self.user_id}/{self.sha256}.json"

    @property
    def rows_path(self) -> str:
        return f"{FOLDER}/{self.user_id}/{self.sha256}.checked.json"

    def content(self) -> bytes:
        with default_storage.open(self.path, "rb") as stored:
            return stored.read()


def _replace(path: str, content: bytes) -> None:
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(content))


def stage(*, upload, user) -> tuple[Staged, bytes]:
    """Keep the uploaded file under its SHA-256; returns where, and its bytes for validating."""
    content = upload.read()
    kind = "xlsx" if upload.name.lower().endswith(".xlsx") else "csv"
    staged = Staged(user.pk, hashlib.sha256(content).hexdigest(), kind, upload.name[-255:])
    _replace(staged.path, content)
    return staged, content


def _report_of(staged: Staged, **state) -> dict:
    return {
        "file_name": staged.file_name,
        "kind": staged.kind,
        "sha256": staged.sha256,
        "updated_at": timezone.now().isoformat(),
        **state,
    }


def save_report(staged: Staged, outcome: Outcome) -> dict:
    return save_summary(
        staged,
        rows_read=outcome.rows_read,
        returns=outcome.returns,
        risk_returns=len(outcome.risk_places),
        problems=[[p.row, p.column, p.letter, p.message] for p in outcome.problems],
        counts=[[measure, team, n] for (measure, team), n in sorted(outcome.counts.items())],
        first_rows=outcome.first_rows,
    )


def save_summary(
    staged: Staged,
    *,
    rows_read: int,
    returns: int,
    risk_returns: int,
    problems: list[list],
    counts: list[list],
    first_rows: list[dict],
) -> dict:
    """The report of a finished check: every problem, or what the file will add and its first rows."""
    report = _report_of(
        staged,
        state=CHECKED,
        validated_at=timezone.now().isoformat(),
        rows_read=rows_read,
        returns=returns,
        risk_returns=risk_returns,
        problems=problems,
        counts=counts,
        first_rows=first_rows,
    )
    _replace(staged.report_path, json.dumps(report).encode())
    return report


def save_progress(
    staged: Staged, *, state: str, rows_done: int = 0, rows_total: int = 0, reference: str = ""
) -> dict:
    """Where the check of a file has got to, for its progress page; ``reference`` names a failed check
    in the logs."""
    report = _report_of(staged, state=state, rows_done=rows_done, rows_total=rows_total, reference=reference)
    _replace(staged.report_path, json.dumps(report).encode())
    return report


def save_checked(staged: Staged, checked: CheckedReturns) -> None:
    """Keep the file's returns as checked and scored, so the import writes them without checking again."""
    _replace(staged.rows_path, checked.dumps())


def has_upload(staged: Staged) -> bool:
    return default_storage.exists(staged.path)


def discard_upload(staged: Staged) -> None:
    """Delete the uploaded file once it has been checked: its returns are kept if they passed, and a file
    with problems has to be uploaded again anyway (one copy of the NHS numbers, not two)."""
    if default_storage.exists(staged.path):
        default_storage.delete(staged.path)


def staged_checked(staged: Staged) -> CheckedReturns | None:
    """The returns kept by ``save_checked``, or None if they are gone (the file expired or was imported)
    or were kept by an earlier release in a layout this one does not read."""
    if not default_storage.exists(staged.rows_path):
        return None
    with default_storage.open(staged.rows_path, "rb") as stored:
        return CheckedReturns.loads(stored.read())


def staged_for(*, user, sha256: str) -> tuple[Staged, dict] | None:
    """The user's own staged file and its report, or None (someone else's file is never found)."""
    if not SHA256.match(sha256 or ""):
        return None
    path = f"{FOLDER}/{user.pk}/{sha256}.json"
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as stored:
        report = json.loads(stored.read())
    return Staged(user.pk, sha256, report["kind"], report["file_name"]), report


def discard(staged: Staged) -> None:
    for path in (staged.path, staged.report_path, staged.rows_path):
        if default_storage.exists(path):
            default_storage.delete(path)


def discard_expired(*, now: datetime | None = None) -> int:
    """Delete every staged file (and its report) last written more than ``RETURN_IMPORT_STAGING_HOURS``
    ago, whoever uploaded it; returns how many files were deleted. Safe to run at any time: a file and
    its report go together, judged by the later of the two, so a file being previewed is left alone."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.RETURN_IMPORT_STAGING_HOURS)
    deleted = 0
    if not default_storage.exists(FOLDER):
        return 0
    folders, _files = default_storage.listdir(FOLDER)
    for folder in folders:
        base = f"{FOLDER}/{folder}"
        _subfolders, names = default_storage.listdir(base)
        by_file: dict[str, list[str]] = {}
        for name in names:
            by_file.setdefault(name.split(".", 1)[0], []).append(f"{base}/{name}")
        for paths in by_file.values():
            if max(default_storage.get_modified_time(path) for path in paths) < cutoff:
                for path in paths:
                    default_storage.delete(path)
                    deleted += 1
    return deleted
