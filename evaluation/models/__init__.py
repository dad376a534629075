"""Models of the evaluation app, gathered from the modules that define them."""

from evaluation.reports.models import AnnualReportOutput, AnnualReportRun, AnnualReportSection  # noqa: F401
