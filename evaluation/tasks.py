"""Background jobs of the evaluation app, found here by Celery's autodiscovery."""

from evaluation.dashboards.tasks import dashboard_publication_ahead  # noqa: F401
from evaluation.fhir.tasks import fhir_export_run, fhir_exports_expire  # noqa: F401
from evaluation.imports.tasks import delete_expired_staged_files  # noqa: F401
from evaluation.reports.tasks import (  # noqa: F401
    compile_annual_report_run,
    reap_annual_report_runs,
    schedule_annual_report,
)
