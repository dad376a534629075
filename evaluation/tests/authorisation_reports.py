"""Rows of the authorisation matrix for the annual evaluation report and team performance report.

Annual reports are read by steering group members (``steering``), workstream leads (``wslead``), the
evaluation team (``evaluation``) and administrators; all but workstream leads may start one. A team
performance report holds only disclosure-controlled team aggregates: all staff read it.
"""

from django.utils import timezone

SIGN_IN = 302
READERS = {"anonymous": SIGN_IN, "admin": 200, "steering": 200, "wslead": 200, "evaluation": 200, "*": 403}
STARTERS = {"anonymous": SIGN_IN, "admin": 200, "steering": 200, "evaluation": 200, "*": 403}
ALL_STAFF = {"anonymous": SIGN_IN, "serviceuser": 403, "carer": 403, "*": 200}


def finished_run(r):
    """A finished run with its output, made directly: the matrix is about who may see it."""
    from evaluation.reports.models import AnnualReportOutput, AnnualReportRun, RunState

    r.getfixturevalue("personas")
    run = AnnualReportRun.objects.create(
        financial_year=2025, state=RunState.FINISHED, sections_total=8, sections_done=8,
        fingerprint="0" * 64, finished_at=timezone.now(),
    )  # fmt: skip
    AnnualReportOutput.objects.create(run=run, html="<p>Report</p>", pdf=b"%PDF-1.7", pdf_sha256="0" * 64)
    return {"pk": run.pk}


def failed_run(r):
    """A run that failed after three attempts with 2 of 8 sections compiled."""
    from evaluation.reports.models import AnnualReportRun, RunState

    r.getfixturevalue("personas")
    run = AnnualReportRun.objects.create(
        financial_year=2024, state=RunState.FAILED, sections_total=8, sections_done=2, attempts=3
    )
    return {"pk": run.pk}


# Stopped runs are restarted by the evaluation team (and administrators).
RESTARTERS = {"anonymous": SIGN_IN, "admin": 200, "evaluation": 200, "*": 403}
RESTARTED = {"anonymous": SIGN_IN, "admin": 302, "evaluation": 302, "*": 403}


def team_year(r):
    return {"slug": r.getfixturevalue("persona_team").slug, "year": 2025}


GET_ROWS = {
    "reports:list": (lambda r: {}, READERS),
    "reports:start": (lambda r: {}, {"anonymous": SIGN_IN, "*": 405}),
    "reports:run": (finished_run, READERS),
    "reports:run-html": (finished_run, READERS),
    "reports:run-pdf": (finished_run, READERS),
    "reports:run-restart": (failed_run, RESTARTERS),
    "reports:team": (team_year, ALL_STAFF),
    "reports:team-pdf": (team_year, ALL_STAFF),
}

POST_ROWS = {
    # Posting no year: those who may start a report see the form again with its error.
    "reports:start": (lambda r: {}, STARTERS),
    "reports:run-restart": (failed_run, RESTARTED),
}
