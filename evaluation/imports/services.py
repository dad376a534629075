"""Writing a file of returns: every return in one transaction, or none (ADR 0014).

The file is checked again here, row by row, while the rows that pass stream into the database (COPY on
PostgreSQL, ``bulk_create`` elsewhere) in the same transaction: the database does its share of the work
while Python checks the next rows. If any row has a problem, the transaction is rolled back and the
problems are returned, so nothing is ever half written. Returns already in the portal are left to the
natural-key constraints of the returns while writing: if one refuses a row, the file is checked again in
full to name every such row. So two imports of the same rows racing each other leave exactly one.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Completion, PremReturn, PromReturn, ReturnImport
from . import writers
from ._gc import collector_paused
from .follow_up import risk_follow_ups_raise
from .parsing import parse
from .selectors import ImportScope, import_of_file
from .validation import FileCheck, Outcome, validate


class AlreadyImported(Exception):
    """This exact file was imported before; nothing was written."""

    def __init__(self, earlier: ReturnImport):
        super().__init__(f"{earlier.file_name} was already imported")
        self.earlier = earlier


@dataclass(frozen=True)
class ImportResult:
    return_import: ReturnImport | None  # None: the file had problems and nothing was written
    outcome: Outcome


def returns_import(
    *, content: bytes, scope: ImportScope, file_name: str, sha256: str, kind: str, by
) -> ImportResult:
    """Check and write every return of the file, record the import and raise the risk follow-ups.

    The file is read as it is written: each row is parsed, checked and sent to the database in turn.
    """
    with collector_paused(), transaction.atomic():
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
        check = FileCheck(parse(content, kind, lazy=True), user=by, scope=scope, check_stored=False)
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
