"""Runs of the annual Trust-wide evaluation report: their state, progress, sections and finished output.

PostgreSQL holds the truth about a run (ADR 0016): a worker claims it by taking a lease, saves each
section as it finishes, and attaches the output in the same transaction that marks the run finished, so
a run is never shown finished with half its output.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from recovery_portal.financial_year import FinancialYear

MAX_ATTEMPTS = 3


class RunState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
    FAILED = "failed", "Failed"


ACTIVE_STATES = (RunState.QUEUED, RunState.RUNNING)


class AnnualReportRun(models.Model):
    """One request to compile the annual evaluation report for a financial year."""

    financial_year = models.PositiveSmallIntegerField(help_text="Start year of the financial year.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when started by the schedule after the year end.",
    )
    requested_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(
        default=timezone.now, help_text="When the run was last sent to a worker."
    )
    scheduled = models.BooleanField(default=False, help_text="Started by the schedule after the year end.")
    state = models.CharField(max_length=10, choices=RunState.choices, default=RunState.QUEUED)
    sections_total = models.PositiveSmallIntegerField(default=0)
    sections_done = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    # A worker holds the run until its lease expires; it renews the lease after every section. The
    # reaper requeues a running run whose lease has expired (its worker vanished).
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True)
    # Set when the background service could not be reached to queue the run; cleared once it is queued.
    broker_unavailable_at = models.DateTimeField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the report's figures.")
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-financial_year", "-requested_at", "-pk"]
        constraints = [
            # One report at a time per year: a second start joins the run already under way.
            models.UniqueConstraint(
                fields=["financial_year"],
                condition=Q(state__in=ACTIVE_STATES),
                name="annual_report_one_active_run_per_year",
            ),
            models.CheckConstraint(
                condition=~Q(state=RunState.FINISHED) | (Q(finished_at__isnull=False) & ~Q(fingerprint="")),
                name="annual_report_finished_has_fingerprint",
            ),
            models.CheckConstraint(
                condition=Q(attempts__lte=MAX_ATTEMPTS), name="annual_report_at_most_three_attempts"
            ),
        ]

    def __str__(self) -> str:
        return f"Annual evaluation report {self.year.label} (run {self.pk})"

    @property
    def failure_reference(self) -> str:
        """What people quote to the administrator; the logs and error reports of the failure carry it."""
        return f"report-run-{self.pk}-attempt-{self.attempts}"

    @property
    def year(self) -> FinancialYear:
        return FinancialYear(self.financial_year)

    @property
    def percent_done(self) -> int:
        if self.state == RunState.FINISHED:
            return 100
        # Said as the page says it: 2 of 8 sections is 25%. 100% only once the report is attached.
        return min(99, round(100 * self.sections_done / self.sections_total)) if self.sections_total else 0

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def is_finished(self) -> bool:
        return self.state == RunState.FINISHED

    def has_stopped(self, now=None) -> bool:
        """Failed, or left by a worker that vanished (its lease ran out), or queued with no worker taking
        it: with no reaper running, it would wait for ever. The evaluation team may restart it."""
        from .services import REQUEUE_QUEUED_AFTER

        now = now or timezone.now()
        if self.state == RunState.FAILED:
            return True
        if self.state == RunState.RUNNING:
            return self.lease_expires_at is not None and self.lease_expires_at <= now
        return self.state == RunState.QUEUED and self.queued_at <= now - REQUEUE_QUEUED_AFTER


class AnnualReportSection(models.Model):
    """One finished section of a run: its figures (already disclosure-controlled) and its HTML."""

    run = models.ForeignKey(AnnualReportRun, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40)
    order = models.PositiveSmallIntegerField()
    figures = models.JSONField()
    html = models.TextField()
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order"]
        constraints = [
            # A section is saved once per run, however many workers try.
            models.UniqueConstraint(fields=["run", "key"], name="annual_report_section_once_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.key} of run {self.run_id}"


class AnnualReportOutput(models.Model):
    """The finished report, attached in the transaction that marks its run finished."""

    run = models.OneToOneField(
        AnnualReportRun, on_delete=models.CASCADE, primary_key=True, related_name="output"
    )
    html = models.TextField()
    pdf = models.BinaryField()
    pdf_sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Output of run {self.run_id}"
