from .fixtures import queued_run, report_trust, report_year  # noqa: F401
