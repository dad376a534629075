"""Bulk export ($export, FHIR Bulk Data): returns and scores in NDJSON files, written by a Celery job.

The job reads the client's returns five thousand at a time in id order (keyset pages, never OFFSET), as
plain rows of the columns the resources need, reads the batch's first scores in one query, builds each
resource as a plain dict with everything it repeats (URLs, codings, interpretations) built once for the
export, and writes each as one line to a temporary file, which is then copied to storage in chunks:
memory stays the same whatever the number of returns. Progress is saved every two seconds, which is also
when a cancellation is noticed. Files live ``FHIR_EXPORT_HOURS`` and only the client that asked may fetch them.
"""

import logging
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from ..models import FhirExport, FhirExportStatus
from . import selectors

logger = logging.getLogger(__name__)

BATCH = 5000
PROGRESS_SECONDS = 2  # how often progress is saved, and a cancellation noticed
TYPES = ("QuestionnaireResponse", "Observation")
FOLDER = "fhir-exports"


class _Written(File):
    """A finished file on local disk. A file-system storage on the same disk moves it into place rather
    than copying it (an export of every return is gigabytes); any other storage copies it in chunks."""

    def temporary_file_path(self) -> str:
        self.file.flush()
        return self.file.name


def export_hours() -> int:
    return int(getattr(settings, "FHIR_EXPORT_HOURS", 24))


def export_start(*, client, types: list[str], since, until, recorded_since, request_url: str) -> FhirExport:
    """Record the export and queue its job once the record is committed."""
    from .tasks import fhir_export_run

    export = FhirExport.objects.create(
        client=client,
        types=" ".join(types),
        since=since,
        until=until,
        recorded_since=recorded_since,
        request_url=request_url[:2000],
    )
    transaction.on_commit(lambda: fhir_export_run.delay(export.pk))
    return export


def _returns(export: FhirExport):
    found = selectors.search_returns(export.client, since=export.since, until=export.until)
    if export.recorded_since is not None:
        found = found.filter(created_at__gt=export.recorded_since)
    return found


def export_run(export_id: int) -> None:
    """Write the export's files; safe to run again for an export already finished or cancelled."""
    export = FhirExport.objects.select_related("client").filter(pk=export_id).first()
    if export is None or export.status not in (FhirExportStatus.QUEUED, FhirExportStatus.RUNNING):
        return
    types = export.types.split()
    with_responses, with_observations = "QuestionnaireResponse" in types, "Observation" in types
    returns = _returns(export)
    total = returns.count()
    FhirExport.objects.filter(pk=export.pk).update(status=FhirExportStatus.RUNNING, returns_total=total)
    files = {kind: tempfile.NamedTemporaryFile(suffix=".ndjson", delete=False) for kind in types}
    counts = dict.fromkeys(types, 0)
    people: set[int] = set()
    # Staff identifiers are read for the whole export at once: a Trust has thousands of staff, not millions.
    build = selectors.builder(
        with_observations=with_observations,
        staff=returns.filter(completion="with_staff")
        .order_by()
        .values_list("entered_by_id", flat=True)
        .distinct()
        if with_responses
        else (),
    )
    try:
        after_id, done, saved_at = 0, 0, time.monotonic()
        while True:
            rows = list(selectors.return_rows(returns.filter(pk__gt=after_id))[:BATCH])
            if not rows:
                break
            lines = {kind: [] for kind in types}
            for resource in selectors.resources_of(
                build, export.client, rows, with_responses=with_responses, with_observations=with_observations
            ):
                lines[resource["resourceType"]].append(build.line(resource))
            for kind, written in lines.items():
                if written:
                    files[kind].write(("\n".join(written) + "\n").encode())
                    counts[kind] += len(written)
            people.update(row["person_id"] for row in rows)
            after_id, done = rows[-1]["id"], done + len(rows)
            if time.monotonic() - saved_at >= PROGRESS_SECONDS:
                saved_at = time.monotonic()
                still = FhirExport.objects.filter(pk=export.pk, status=FhirExportStatus.RUNNING).update(
                    returns_done=done
                )
                if not still:
                    return  # cancelled while running
        output = []
        for kind in types:
            files[kind].seek(0)
            path = default_storage.save(f"{FOLDER}/{export.pk}/{kind}.ndjson", _Written(files[kind]))
            output.append({"type": kind, "path": path, "count": counts[kind]})
        now = timezone.now()
        finished = FhirExport.objects.filter(pk=export.pk, status=FhirExportStatus.RUNNING).update(
            status=FhirExportStatus.DONE,
            returns_done=done,
            output=output,
            people=sorted(people),
            finished_at=now,
            expires_at=now + timedelta(hours=export_hours()),
        )
        if not finished:  # cancelled while the files were saved
            export_files_delete(FhirExport(output=output))
    except Exception:
        logger.exception("FHIR export %s failed", export.pk)
        FhirExport.objects.filter(pk=export.pk).update(
            status=FhirExportStatus.FAILED,
            error="The export failed; start it again.",
            finished_at=timezone.now(),
        )
        raise
    finally:
        for handle in files.values():
            handle.close()
            Path(handle.name).unlink(missing_ok=True)  # gone already where the storage moved it


def export_files_delete(export: FhirExport) -> None:
    for entry in export.output:
        if default_storage.exists(entry["path"]):
            default_storage.delete(entry["path"])


def export_cancel(export: FhirExport) -> None:
    export_files_delete(export)
    FhirExport.objects.filter(pk=export.pk).update(status=FhirExportStatus.CANCELLED, output=[], people=[])


def exports_expire(*, now=None) -> int:
    """Delete the files of every export whose time is up; the record stays, saying it expired."""
    now = now or timezone.now()
    expired = FhirExport.objects.filter(status=FhirExportStatus.DONE, expires_at__lt=now).exclude(output=[])
    count = 0
    for export in expired:
        export_files_delete(export)
        FhirExport.objects.filter(pk=export.pk).update(output=[], people=[])
        count += 1
    return count


def export_of(client, export_id: int) -> FhirExport | None:
    """An export of this client, or None (another client's export is not there for it)."""
    return FhirExport.objects.filter(pk=export_id, client=client).first()
