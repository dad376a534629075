"""Writing a file of returns: every return in one transaction, or none (ADR 0014).

The file is checked again here, row by row, while the rows that pass stream into the database (COPY on
PostgreSQL, ``bulk_create`` elsewhere) in the same transaction: the database does its share of the work
while Python checks the next rows. If any row has a problem, the transaction is rolled back and the
problems are returned, so nothing is ever half written. Returns already in the portal are left to the
natural-key constraints of the returns while writing: if one refuses a row, the file is checked again in
full to name every such row. So two imports of the same rows racing each other leave exactly one.
"""

import logging
import time
import uuid
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Completion, PremReturn, PromReturn, ReturnImport
from . import staging, writers
from ._gc import collector_paused
from .follow_up import risk_follow_ups_raise
from .parsing import FILE_ROW, ParsedFile, Problem, parse
from .selectors import ImportScope, import_of_file, import_scope
from .validation import FileCheck, Outcome, validate

logger = logging.getLogger(__name__)


class CheckTooLong(Exception):
    """The check of a file ran past ``RETURN_IMPORT_JOB_SECONDS``."""


class AlreadyImported(Exception):
    """This exact file was imported before; nothing was written."""

    def __init__(self, earlier: ReturnImport):
        super().__init__(f"{earlier.file_name} was already imported")
        self.earlier = earlier


@dataclass(frozen=True)
class ImportResult:
    return_import: ReturnImport | None  # None: the file had problems and nothing was written
    outcome: Outcome


def staged_file_check(*, staged: staging.Staged, user, progress: bool = False) -> dict:
    """Read the staged file once, check every row and keep the report and (if they pass) the rows the
    import will use; the uploaded file is deleted either way. With ``progress``, the report says how many
    rows have been checked as it goes, and the check stops once ``RETURN_IMPORT_JOB_SECONDS`` are up."""
    deadline = time.monotonic() + settings.RETURN_IMPORT_JOB_SECONDS
    if progress:
        staging.save_progress(staged, state=staging.CHECKING)
    parsed = parse(staged.content(), staged.kind)
    total = len(parsed.rows)
    on_rows = None
    if progress:

        def on_rows(done: int) -> None:
            if time.monotonic() > deadline:
                raise CheckTooLong
            staging.save_progress(staged, state=staging.CHECKING, rows_done=done, rows_total=total)

    try:
        if on_rows is not None:
            on_rows(0)
        outcome = validate(parsed, user=user, scope=import_scope(user=user), progress=on_rows)
    except CheckTooLong:
        minutes = max(1, settings.RETURN_IMPORT_JOB_SECONDS // 60)
        outcome = Outcome(
            parsed.kind,
            problems=[
                Problem(
                    FILE_ROW,
                    "the whole file",
                    f"The file took more than {minutes} minute{'s' if minutes > 1 else ''} to check, so it was "
                    "stopped; split it into smaller files and upload them one at a time",
                )
            ],
        )
    if outcome.ok:
        staging.save_rows(staged, parsed)
    staging.discard_upload(staged)
    return staging.save_report(staged, outcome)


def staged_file_check_job(*, user_id: int, sha256: str, in_worker: bool) -> None:
    """The background check of a staged file: safe to run twice or after a lost worker. A file already
    checked, gone, or being checked by another worker right now is left alone. The garbage collector is
    paused only in a worker process, which runs one job at a time (ADR 0029)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    found = staging.staged_for(user=user, sha256=sha256) if user else None
    if found is None:
        return
    staged, report = found
    if report.get("state") == staging.CHECKED or not staging.has_upload(staged):
        return
    if report.get("state") == staging.CHECKING and not check_is_stale(report):
        return
    try:
        with collector_paused() if in_worker else nullcontext():
            staged_file_check(staged=staged, user=user, progress=True)
    except Exception:
        reference = uuid.uuid4().hex[:8].upper()
        logger.exception("Check of staged returns file %s failed (reference %s)", sha256[:12], reference)
        staging.save_progress(staged, state=staging.FAILED, reference=reference)


def check_is_stale(report: dict, *, now: datetime | None = None) -> bool:
    """A check that has not moved for longer than a job may run, or a file left queued a minute: its
    worker or its message was lost, and the check can be started again."""
    updated = datetime.fromisoformat(report["updated_at"])
    waited = (now or timezone.now()) - updated
    if report.get("state") == staging.QUEUED:
        return waited > timedelta(seconds=60)
    return waited > timedelta(seconds=settings.RETURN_IMPORT_JOB_SECONDS + 60)


def returns_import(
    *,
    scope: ImportScope,
    file_name: str,
    sha256: str,
    kind: str,
    by,
    content: bytes | None = None,
    parsed: ParsedFile | None = None,
) -> ImportResult:
    """Check and write every return of the file, record the import and raise the risk follow-ups.

    ``parsed``: the rows already read and kept when the file was checked (the Import button); or else
    ``content``, the file itself, read as it is written: each row is parsed, checked and sent to the
    database in turn.
    """
    if parsed is None:
        parsed = parse(content, kind, lazy=True)
    with transaction.atomic():
        earlier = import_of_file(sha256=sha256)
        if earlier is not None:
            raise AlreadyImported(earlier)
        now = timezone.now()
        return_import = ReturnImport.objects.create(
            file_name=file_name, sha256=sha256, kind=kind, imported_by=by, imported_at=now
        )
        common = {
            "completion": Completion.IMPORTED,
            "entered_by_id": by.pk,
            "return_import_id": return_import.pk,
            "created_at": now,
        }
        check = FileCheck(parsed, user=by, scope=scope, check_stored=False)
        try:
            with transaction.atomic():
                writers.write(PromReturn, check.prom_records(), common)
                outcome = check.finish()
                if outcome.ok:
                    writers.write(PremReturn, iter(outcome.prem), common)
        except IntegrityError:
            # A return already in the portal (or saved a moment ago by someone else): name it.
            again = parsed if isinstance(parsed.rows, list) else parse(content, kind)
            outcome = validate(again, user=by, scope=scope)
            if outcome.ok:
                raise
        if not outcome.ok:
            transaction.set_rollback(True)
            return ImportResult(None, outcome)
        return_import.rows_written = outcome.returns
        return_import.save(update_fields=["rows_written"])
        return_import.teams.set(sorted(outcome.team_ids))
        if outcome.risk_places:
            risky = writers.risk_return_ids(return_import)
            returns = []
            for index, place in outcome.risk_places.items():
                record = outcome.prom[index]
                key = (
                    record["person_id"],
                    record["instrument_id"],
                    record["completed_on"],
                    record["timepoint"],
                )
                returns.append((risky[key], record["person_id"], record["completed_on"], place))
            risk_follow_ups_raise(returns=returns, by=by)
    return ImportResult(return_import, outcome)
