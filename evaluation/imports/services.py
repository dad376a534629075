"""Writing a validated file: every return in one transaction, or none (ADR 0014).

The caller validates first (``validation.validate``); this writes only an outcome without problems. On
PostgreSQL the rows go in with COPY; elsewhere with ``bulk_create`` in large batches. Either way the
natural-key constraints of the returns refuse a second copy of a return, so two imports of the same rows
racing each other leave exactly one.
"""

from django.db import transaction
from django.utils import timezone

from ..models import Completion, PremReturn, PromReturn, ReturnImport
from . import writers
from ._gc import collector_paused
from .follow_up import risk_follow_ups_raise
from .selectors import import_of_file
from .validation import Outcome


class AlreadyImported(Exception):
    """This exact file was imported before; nothing was written."""

    def __init__(self, earlier: ReturnImport):
        super().__init__(f"{earlier.file_name} was already imported")
        self.earlier = earlier


def returns_import(*, outcome: Outcome, file_name: str, sha256: str, kind: str, by) -> ReturnImport:
    """Write every return of a valid ``outcome``, record the import, and raise the risk follow-ups."""
    if not outcome.ok:
        raise ValueError("Only a file without problems is imported")
    with collector_paused(), transaction.atomic():
        earlier = import_of_file(sha256=sha256)
        if earlier is not None:
            raise AlreadyImported(earlier)
        now = timezone.now()
        return_import = ReturnImport.objects.create(
            file_name=file_name,
            sha256=sha256,
            kind=kind,
            imported_by=by,
            imported_at=now,
            rows_written=outcome.returns,
        )
        return_import.teams.set(sorted(outcome.team_ids))
        common = {
            "completion": Completion.IMPORTED,
            "entered_by_id": by.pk,
            "return_import_id": return_import.pk,
            "created_at": now,
        }
        writers.write(PromReturn, outcome.prom, common)
        writers.write(PremReturn, outcome.prem, common)
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
    return return_import
