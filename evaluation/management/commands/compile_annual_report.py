"""``manage.py compile_annual_report --year 2025/26 --output DIR``: the background job, run here and now.

It compiles a run exactly as a worker would (``compile.compile_run``), then writes ``report.pdf`` and
``report.html`` into DIR. A run for the year already queued is taken over; one a worker is compiling
is left to it.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from evaluation.reports.compile import compile_run
from evaluation.reports.models import RunState
from evaluation.reports.selectors import run_output
from evaluation.reports.services import annual_report_start
from recovery_portal.financial_year import FinancialYear


class Command(BaseCommand):
    help = "Compile the annual Trust-wide evaluation report for a financial year and write it to a folder."

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help='Financial year, for example "2025/26".')
        parser.add_argument("--output", default=".", help="Folder to write report.pdf and report.html into.")

    def handle(self, *args, year: str, output: str, **options):
        try:
            financial_year = FinancialYear.parse(year)
        except ValueError as problem:
            raise CommandError(str(problem)) from None
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)

        run, created = annual_report_start(year=financial_year, by=None, queue=False)
        if not created:
            self.stdout.write(f"Taking over run {run.pk}, queued for {financial_year.label}.")
        try:
            finished = compile_run(run_id=run.pk)
        except Exception as problem:
            run.refresh_from_db()
            raise CommandError(
                f"Run {run.pk} failed (attempt {run.attempts}): {problem}. "
                + ("It has failed three times." if run.state == RunState.FAILED else "It is queued again.")
            ) from problem
        if finished is None:
            raise CommandError(
                f"Run {run.pk} for {financial_year.label} is being compiled by the background service; "
                "see the Reports page."
            )
        document = run_output(run=finished)
        (folder / "report.html").write_text(document.html, encoding="utf-8")
        (folder / "report.pdf").write_bytes(bytes(document.pdf))
        self.stdout.write(
            self.style.SUCCESS(
                f"Annual report {financial_year.label} (run {finished.pk}, fingerprint "
                f"{finished.fingerprint[:12]}) written to {folder / 'report.pdf'} and {folder / 'report.html'}"
            )
        )
