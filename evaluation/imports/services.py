"""Checking a staged file, and writing a file's returns: every return in one transaction, or none
(ADR 0014, ADR 0029).

A staged file is read, checked and scored once, by ``staged_file_check`` (a job for a large file), which
keeps the returns as they will be written (``checked``). The Import button (``staged_returns_import``)
re-checks only what can have changed since, whether each person is still on their team's caseload in
the importer's scope, then writes the kept lines with COPY. A file sent straight in (``returns_import``,
the FHIR intake) is checked row by row while the rows that pass stream into the database in the same
transaction. If any row has a problem, the transaction is rolled back and the problems are returned, so
nothing is ever half written. Returns already in the portal are left to the natural-key constraints of
the returns while writing: if one refuses a row, every such row is then named. So two imports of the
same rows racing each other leave exactly one.
"""

import logging
import time
import uuid
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Completion, PremReturn, PromReturn, ReturnImport
from . import bulk, staging, writers
from . import checked as checked_returns
from ._gc import collector_paused
from .checked import CheckedReturns
from .follow_up import risk_follow_ups_raise
from .parsing import FILE_ROW, Problem, parse
from .row_checks import TIMEPOINT_LABELS
from .selectors import (
    CaseloadPlace,
    ImportScope,
    caseload_places,
    existing_prem_references,
    existing_prom_keys,
    import_lookups,
    import_of_file,
    import_scope,
    instrument_names,
    on_caseloads,
    team_names,
)
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
    """Read the staged file once, check and score every row and keep the report and (if they pass) the
    returns as they will be written; the uploaded file is deleted either way. With ``progress``, the
    report says how many rows have been checked as it goes, and the check stops once
    ``RETURN_IMPORT_JOB_SECONDS`` are up."""
    deadline = time.monotonic() + settings.RETURN_IMPORT_JOB_SECONDS
    if progress:
        staging.save_progress(staged, state=staging.CHECKING)
    parsed = parse(staged.content(), staged.kind, plain=True)
    on_rows = None
    if progress:

        def on_rows(done: int) -> None:
            if time.monotonic() > deadline:
                raise CheckTooLong
            staging.save_progress(staged, state=staging.CHECKING, rows_done=done, rows_total=len(parsed.rows))

    scope = import_scope(user=user)
    try:
        if on_rows is not None:
            on_rows(0)
        # Most files are plain returns, checked a column at a time; any other goes row by row.
        found = None
        if not parsed.problems and parsed.rows:
            lookups = import_lookups(user=user, scope=scope, named=parsed.nhs_numbers())
            found = bulk.check_file(parsed, lookups=lookups, scope=scope, today=timezone.localdate())
        if found is not None:
            checked, summary = found
            staging.save_checked(staged, checked)
            staging.discard_upload(staged)
            return staging.save_summary(
                staged, rows_read=checked.rows_read, returns=checked.returns, problems=[], **summary
            )
        outcome = validate(parsed.closely(), user=user, scope=scope, progress=on_rows)
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
        staging.save_checked(staged, checked_returns.of_outcome(outcome, letters=parsed.letters))
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
    *, scope: ImportScope, file_name: str, sha256: str, kind: str, by, content: bytes
) -> ImportResult:
    """Check and write every return of a file not staged before (FHIR), record the import and raise the
    risk follow-ups: the file is read as it is written, each row parsed, checked and sent to the
    database in turn."""
    parsed = parse(content, kind, lazy=True)
    with transaction.atomic():
        return_import = _import_started(file_name=file_name, sha256=sha256, kind=kind, by=by)
        common = _common(return_import, by)
        check = FileCheck(parsed, user=by, scope=scope, check_stored=False)
        try:
            with transaction.atomic():
                writers.write(PromReturn, check.prom_records(), common)
                outcome = check.finish()
                if outcome.ok:
                    writers.write(PremReturn, iter(outcome.prem), common)
        except IntegrityError:
            # A return already in the portal (or saved a moment ago by someone else): name it.
            outcome = validate(parse(content, kind), user=by, scope=scope)
            if outcome.ok:
                raise
        if not outcome.ok:
            transaction.set_rollback(True)
            return ImportResult(None, outcome)
        risky = []
        for index, place in outcome.risk_places.items():
            r = outcome.prom[index]
            key = (r["person_id"], r["instrument_id"], r["completed_on"], r["timepoint"])
            risky.append((key, r["completed_on"], place))
        _import_finished(
            return_import, returns=outcome.returns, team_ids=outcome.team_ids, risky=risky, by=by
        )
    return ImportResult(return_import, outcome)


def staged_returns_import(
    *, checked: CheckedReturns, scope: ImportScope, file_name: str, sha256: str, by
) -> ImportResult:
    """Write the returns kept from the check of a staged file (the Import button), record the import and
    raise the risk follow-ups; or write nothing and say why.

    The rows were checked and scored when the file was uploaded. What can have changed since is checked
    again here: whether each person is still on the current caseload of their team, and that team still
    one the importer imports for (one query), and whether a return was stored meanwhile (the database's
    unique constraints, as the returns are written; only then are the rows named).
    """
    with transaction.atomic():
        return_import = _import_started(file_name=file_name, sha256=sha256, kind=checked.kind, by=by)
        problems = _still_on_caseloads(checked, scope=scope, by=by)
        common = _common(return_import, by)
        if not problems:
            try:
                with transaction.atomic():
                    writers.write_lines(PromReturn, checked_returns.PROM_COLUMNS, checked.lines, common)
                    prem = [
                        {**r, "completed_on": date.fromisoformat(r["completed_on"])} for r in checked.prem
                    ]
                    writers.write(PremReturn, iter(prem), common)
            except IntegrityError:
                # A return saved since the check (by another import, or entered in the portal): name it.
                problems = _stored_meanwhile(checked)
                if not problems:
                    raise
        if problems:
            transaction.set_rollback(True)
            problems.sort(key=lambda problem: problem.row)
            return ImportResult(None, Outcome(checked.kind, rows_read=checked.rows_read, problems=problems))
        # Who works with each person with a risk answer now, for their follow-up.
        places = caseload_places(
            user=by,
            team_ids={checked.teams[index] for index, *_ in checked.risk},
            person_ids={checked.people[index] for index, *_ in checked.risk},
        )
        risky = []
        for index, instrument_id, day, timepoint in checked.risk:
            person_id, completed_on = checked.people[index], date.fromisoformat(day)
            key = (person_id, instrument_id, completed_on, timepoint)
            # Someone who left the caseload a moment ago still gets a follow-up, assigned to the importer.
            place = places.get((person_id, checked.teams[index])) or CaseloadPlace(person_id, None, None)
            risky.append((key, completed_on, place))
        _import_finished(
            return_import,
            returns=checked.returns,
            team_ids={*checked.teams, *(r["team_id"] for r in checked.prem)},
            risky=risky,
            by=by,
        )
    return ImportResult(return_import, Outcome(checked.kind, rows_read=checked.rows_read))


def _import_started(*, file_name: str, sha256: str, kind: str, by) -> ReturnImport:
    earlier = import_of_file(sha256=sha256)
    if earlier is not None:
        raise AlreadyImported(earlier)
    return ReturnImport.objects.create(
        file_name=file_name, sha256=sha256, kind=kind, imported_by=by, imported_at=timezone.now()
    )


def _common(return_import: ReturnImport, by) -> dict:
    """The values every return of one import shares."""
    return {
        "completion": Completion.IMPORTED,
        "entered_by_id": by.pk,
        "return_import_id": return_import.pk,
        "created_at": return_import.imported_at,
    }


def _import_finished(return_import: ReturnImport, *, returns: int, team_ids, risky: list, by) -> None:
    """Record what was written and raise a follow-up for each return with a risk answer.

    ``risky``: (natural key of the PROM return, completed on, caseload place) for each."""
    return_import.rows_written = returns
    return_import.save(update_fields=["rows_written"])
    return_import.teams.set(sorted(team_ids))
    if risky:
        ids = writers.risk_return_ids(return_import)
        follow_ups = [(ids[key], place.person_id, completed_on, place) for key, completed_on, place in risky]
        risk_follow_ups_raise(returns=follow_ups, by=by)


def _still_on_caseloads(checked: CheckedReturns, *, scope: ImportScope, by) -> list[Problem]:
    """A problem for each kept return whose person has left their team's current caseload, or whose team
    the importer no longer imports for."""
    team_ids = {*checked.teams, *(r["team_id"] for r in checked.prem)}
    in_scope = {team_id for team_id in team_ids if scope.covers(team_id)}
    places = on_caseloads(user=by, team_ids=in_scope)
    problems: list[Problem] = []
    if set(zip(checked.people, checked.teams, strict=True)) <= places and in_scope == team_ids:
        prem_people = {(r["person_id"], r["team_id"]) for r in checked.prem if r["person_id"]}
        if prem_people <= places:
            return problems
    names = team_names(team_ids=team_ids)
    letters = checked.letters
    rows = (
        *zip(checked.rows, checked.people, checked.teams, strict=True),
        *(
            (row, r["person_id"], r["team_id"])
            for row, r in zip(checked.prem_rows, checked.prem, strict=True)
        ),
    )
    for row, person_id, team_id in rows:
        team = names.get(team_id, "this team")
        if team_id not in in_scope:
            message = f"You can import returns only for your own teams; {team} is not one of them"
            problems.append(Problem(row, "team_code", message, letters.get("team_code", "")))
        elif person_id and (person_id, team_id) not in places:
            message = (
                f"The person on this row has left the current caseload of {team} since the file was "
                "checked; remove the row, or add them to the caseload again"
            )
            problems.append(Problem(row, "nhs_number", message, letters.get("nhs_number", "")))
    return problems


def _stored_meanwhile(checked: CheckedReturns) -> list[Problem]:
    """A problem for each kept return that is now already in the portal."""
    problems: list[Problem] = []
    letters = checked.letters
    if checked.rows:
        keys = checked.keys()
        days = [key[2] for key in keys]
        stored = existing_prom_keys(person_ids=set(checked.people), earliest=min(days), latest=max(days))
        names = instrument_names()
        for row, (_person, instrument_id, day, timepoint) in zip(checked.rows, keys, strict=True):
            if (_person, instrument_id, day, timepoint) in stored:
                message = (
                    f"A {names[instrument_id]} return for this person at {TIMEPOINT_LABELS[timepoint].lower()} "
                    f"on {day:%-d %B %Y} is already in the portal"
                )
                problems.append(Problem(row, "completed_on", message, letters.get("completed_on", "")))
    if checked.prem:
        stored = existing_prem_references(
            team_ids={r["team_id"] for r in checked.prem},
            references={r["source_reference"] for r in checked.prem},
        )
        for row, record in zip(checked.prem_rows, checked.prem, strict=True):
            if (record["team_id"], record["source_reference"]) in stored:
                message = f"The response {record['source_reference']} for this team is already in the portal"
                problems.append(
                    Problem(row, "source_reference", message, letters.get("source_reference", ""))
                )
    return problems
