"""Background jobs of the FHIR API."""

from celery import shared_task


@shared_task(acks_late=True, ignore_result=True)
def fhir_export_run(export_id: int) -> None:
    """Write a bulk export's NDJSON files (evaluation.fhir.export)."""
    from .export import export_run

    export_run(export_id)


@shared_task(acks_late=True, ignore_result=True)
def fhir_exports_expire() -> int:
    """Delete bulk export files once their FHIR_EXPORT_HOURS are up."""
    from .export import exports_expire

    return exports_expire()
