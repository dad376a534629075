"""Periodic jobs of the evaluation app (gathered in recovery_portal/celery.py)."""

from datetime import timedelta

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Uploaded files of returns never imported (NHS numbers, risk answers) are deleted once their
    # RETURN_IMPORT_STAGING_HOURS are up; hourly, so none is kept much longer than that.
    "return-import-staged-files-expiry": {
        "task": "evaluation.imports.tasks.delete_expired_staged_files",
        "schedule": crontab(minute=17),
    },
    # Bulk export files of the FHIR API (NHS numbers, scores) are deleted once their FHIR_EXPORT_HOURS are up.
    "fhir-export-files-expiry": {
        "task": "evaluation.fhir.tasks.fhir_exports_expire",
        "schedule": crontab(minute=37),
    },
    # The Trust's counts of people, which every dashboard page shares (ADR 0022), are published again
    # before the kept ones expire, so that no page waits about 7 s for them at Trust scale. Each minute
    # the job looks; it publishes only when the kept publication is a period old. (Settings are not read
    # here: this module is imported while they are still being loaded.)
    "dashboard-publication-ahead": {
        "task": "evaluation.dashboards.tasks.dashboard_publication_ahead",
        "schedule": timedelta(minutes=1),
    },
    # Runs whose worker vanished, or whose message was lost with the broker, are sent again.
    "annual-report-reaper": {
        "task": "evaluation.reports.tasks.reap_annual_report_runs",
        "schedule": crontab(minute="*/5"),
    },
    # The year ends on 31 March; the report for it is compiled on 1 May, once late returns are in.
    "annual-report-after-year-end": {
        "task": "evaluation.reports.tasks.schedule_annual_report",
        "schedule": crontab(minute=0, hour=6, day_of_month=1, month_of_year=5),
    },
}
