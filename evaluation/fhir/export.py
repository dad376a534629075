"""Bulk export ($export, FHIR Bulk Data): returns and scores in NDJSON files, written by a Celery job.

The job reads the client's returns a thousand at a time in id order (keyset pages, never OFFSET) and
writes each resource as one line to a temporary file, which is then copied to storage in chunks: memory
stays the same whatever the number of returns. Progress is saved after each batch; a cancelled export
stops at the next batch. Files live ``FHIR_EXPORT_HOURS`` and only the client that asked may fetch them.
"""

import json
import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from ..models import FhirExport, FhirExportStatus
from . import selectors

logger = logging.getLogger(__name__)

BATCH = 1000
TYPES = ("QuestionnaireResponse", "Observation")
FOLDER = "fhir-exports"


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


def _returns(export: FhirExport, after_id: int):
    found = selectors.search_returns(export.client, since=export.since, until=export.until, after_id=after_id)
    if export.recorded_since is not None:
        found = found.filter(created_at__gt=export.recorded_since)
    return found


def export_run(export_id: int) -> None:
    """Write the export's files; safe to run again for an export already finished or cancelled."""
    export = FhirExport.objects.select_related("client").filter(pk=export_id).first()
    if export is None or export.status not in (FhirExportStatus.QUEUED, FhirExportStatus.RUNNING):
        return
    types = export.types.split()
    total = _returns(export, 0).count()
    FhirExport.objects.filter(pk=export.pk).update(status=FhirExportStatus.RUNNING, returns_total=total)
    files = {kind: tempfile.TemporaryFile() for kind in types}
    counts = dict.fromkeys(types, 0)
    people: set[int] = set()
    try:
        after_id, done = 0, 0
        while True:
            page = list(_returns(export, after_id)[:BATCH])
            if not page:
                break
            resources = selectors.bundle_resources(
                export.client,
                page,
                with_responses="QuestionnaireResponse" in types,
                with_observations="Observation" in types,
            )
            for resource in resources:
                kind = resource["resourceType"]
                files[kind].write(json.dumps(resource, separators=(",", ":")).encode() + b"\n")
                counts[kind] += 1
            people.update(r.person_id for r in page)
            after_id, done = page[-1].pk, done + len(page)
            still = FhirExport.objects.filter(pk=export.pk, status=FhirExportStatus.RUNNING).update(
                returns_done=done
            )
            if not still:
                return  # cancelled while running
        output = []
        for kind in types:
            files[kind].seek(0)
            path = default_storage.save(f"{FOLDER}/{export.pk}/{kind}.ndjson", File(files[kind]))
            output.append({"type": kind, "path": path, "count": counts[kind]})
        now = timezone.now()
        FhirExport.objects.filter(pk=export.pk).update(
            status=FhirExportStatus.DONE,
            output=output,
            people=sorted(people),
            finished_at=now,
            expires_at=now + timedelta(hours=export_hours()),
        )
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
