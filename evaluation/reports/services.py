"""Writes of annual report runs: start, claim, save a section, finish, fail, and reap stale runs.

Every change of state happens with the run's row locked, so two workers (or a worker and the reaper)
can never both act on a run. A worker acts only while it holds the run's lease under its own name;
a worker that has lost the lease (the reaper gave the run to another) is told so and stops.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from recovery_portal.financial_year import FinancialYear

from .models import (
    ACTIVE_STATES,
    MAX_ATTEMPTS,
    AnnualReportOutput,
    AnnualReportRun,
    AnnualReportSection,
    RunState,
)
from .sections import compile_order

# A queued run whose message may have been lost (the broker restarted, or was away) is sent again
# by the reaper once it has waited this long.
REQUEUE_QUEUED_AFTER = timedelta(minutes=2)


class LeaseLost(Exception):
    """The run is no longer this worker's: it finished, failed or was handed to another worker."""


def lease_length() -> timedelta:
    return timedelta(seconds=settings.ANNUAL_REPORT_LEASE_SECONDS)


def annual_report_start(
    *, year: FinancialYear, by, scheduled: bool = False, queue: bool = True
) -> tuple[AnnualReportRun, bool]:
    """Queue a run compiling the report for ``year``; (run, created).

    While a run for the year is queued or running, starting again joins it (created is False).
    ``queue=False`` leaves the run for the caller to compile (the management command).
    """
    from .tasks import queue_run

    with transaction.atomic():
        active = AnnualReportRun.objects.filter(financial_year=year.start_year, state__in=ACTIVE_STATES)
        existing = active.first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                run = AnnualReportRun.objects.create(
                    financial_year=year.start_year,
                    requested_by=by if by is not None and by.is_authenticated else None,
                    scheduled=scheduled,
                    sections_total=len(compile_order()),
                )
        except IntegrityError:
            # Someone started the same year at the same moment: join their run.
            return active.get(), False
        if queue:
            queue_run(run.pk)
    return run, True


def annual_report_schedule(*, today=None) -> AnnualReportRun | None:
    """Start the report for the financial year just ended, once: the schedule runs it after year end."""
    year = FinancialYear.containing(today or timezone.localdate()).previous()
    if AnnualReportRun.objects.filter(financial_year=year.start_year, scheduled=True).exists():
        return None
    run, _ = annual_report_start(year=year, by=None, scheduled=True)
    return run


def annual_report_broker_unavailable(*, run_id: int) -> None:
    """Note that the background service could not be reached, so the run page can say so."""
    AnnualReportRun.objects.filter(pk=run_id, state=RunState.QUEUED).update(
        broker_unavailable_at=timezone.now()
    )


def annual_report_queued(*, run_id: int) -> None:
    AnnualReportRun.objects.filter(pk=run_id, broker_unavailable_at__isnull=False).update(
        broker_unavailable_at=None
    )


def annual_report_claim(*, run_id: int, worker: str) -> AnnualReportRun | None:
    """Take the run for ``worker`` and count an attempt; None when there is nothing to do.

    Nothing to do: the run is finished or failed, or another worker holds a lease that has not
    expired. A run whose lease expired (its worker vanished) is taken over, up to ``MAX_ATTEMPTS``.
    """
    now = timezone.now()
    with transaction.atomic():
        run = AnnualReportRun.objects.select_for_update(skip_locked=True).filter(pk=run_id).first()
        if run is None:
            return None
        lease_expired = run.lease_expires_at is not None and run.lease_expires_at <= now
        if not (run.state == RunState.QUEUED or (run.state == RunState.RUNNING and lease_expired)):
            return None
        if run.attempts >= MAX_ATTEMPTS:
            _fail(run, "The report could not be compiled in three attempts.")
            return None
        run.state = RunState.RUNNING
        run.attempts += 1
        run.worker = worker[:200]
        run.lease_expires_at = now + lease_length()
        run.started_at = run.started_at or now
        run.broker_unavailable_at = None
        run.sections_total = len(compile_order())
        run.save(
            update_fields=[
                "state", "attempts", "worker", "lease_expires_at", "started_at",
                "broker_unavailable_at", "sections_total",
            ]
        )  # fmt: skip
    return run


def _locked_for(run: AnnualReportRun, worker: str) -> AnnualReportRun:
    locked = AnnualReportRun.objects.select_for_update().get(pk=run.pk)
    if locked.state != RunState.RUNNING or locked.worker != worker:
        raise LeaseLost(f"run {run.pk} is no longer held by {worker}")
    return locked


def annual_report_heartbeat(*, run: AnnualReportRun, worker: str) -> None:
    """Renew the worker's lease on the run (it is still working)."""
    with transaction.atomic():
        locked = _locked_for(run, worker)
        locked.lease_expires_at = timezone.now() + lease_length()
        locked.save(update_fields=["lease_expires_at"])


def annual_report_section_save(
    *, run: AnnualReportRun, worker: str, key: str, order: int, figures: dict, html: str
) -> AnnualReportRun:
    """Save one finished section and advance the run's progress, renewing the lease, in one transaction."""
    with transaction.atomic():
        locked = _locked_for(run, worker)
        AnnualReportSection.objects.create(run=locked, key=key, order=order, figures=figures, html=html)
        locked.sections_done = locked.sections.count()
        locked.lease_expires_at = timezone.now() + lease_length()
        locked.save(update_fields=["sections_done", "lease_expires_at"])
    return locked


def annual_report_finish(
    *, run: AnnualReportRun, worker: str, fingerprint: str, html: str, pdf: bytes
) -> AnnualReportRun:
    """Attach the output and mark the run finished, together, then tell whoever asked for it."""
    from .notify import run_finished_notify

    with transaction.atomic():
        locked = _locked_for(run, worker)
        AnnualReportOutput.objects.create(
            run=locked, html=html, pdf=pdf, pdf_sha256=hashlib.sha256(pdf).hexdigest()
        )
        locked.state = RunState.FINISHED
        locked.fingerprint = fingerprint
        locked.finished_at = timezone.now()
        locked.lease_expires_at = None
        locked.error = ""
        locked.save(update_fields=["state", "fingerprint", "finished_at", "lease_expires_at", "error"])
        run_finished_notify(run=locked)
    return locked


def annual_report_attempt_failed(*, run: AnnualReportRun, worker: str, error: str) -> AnnualReportRun | None:
    """Record why this attempt failed; queue the run again, or fail it after the third attempt."""
    from .tasks import queue_run

    with transaction.atomic():
        try:
            locked = _locked_for(run, worker)
        except LeaseLost:
            return None
        if locked.attempts >= MAX_ATTEMPTS:
            _fail(locked, error)
        else:
            _requeue(locked, error)
            queue_run(locked.pk)
    return locked


def _requeue(run: AnnualReportRun, error: str) -> None:
    run.state = RunState.QUEUED
    run.worker = ""
    run.lease_expires_at = None
    run.queued_at = timezone.now()
    run.error = error[-4000:]
    run.save(update_fields=["state", "worker", "lease_expires_at", "queued_at", "error"])


def _fail(run: AnnualReportRun, error: str) -> None:
    from .notify import run_failed_notify

    run.state = RunState.FAILED
    run.worker = ""
    run.lease_expires_at = None
    run.error = error[-4000:]
    run.save(update_fields=["state", "worker", "lease_expires_at", "error"])
    run_failed_notify(run=run)


class RunNotStopped(Exception):
    """The run is working, finished, or another run for its year is under way: there is nothing to restart."""


def annual_report_restart(*, run: AnnualReportRun, by) -> AnnualReportRun:
    """Start a stopped run again from where it stopped, from its page: the sections it saved are kept and
    only the rest are compiled. A person's restart gives it three fresh attempts. Works without the
    reaper's schedule (ADR 0032).
    """
    from .tasks import queue_run

    with transaction.atomic():
        locked = AnnualReportRun.objects.select_for_update().get(pk=run.pk)
        if not locked.has_stopped():
            raise RunNotStopped(f"run {run.pk} has not stopped")
        others = AnnualReportRun.objects.filter(
            financial_year=locked.financial_year, state__in=ACTIVE_STATES
        ).exclude(pk=locked.pk)
        if others.exists():
            raise RunNotStopped(f"another run for {locked.year.label} is under way")
        stopped = locked.error or "The background worker stopped."
        locked.attempts = 0
        _requeue(locked, f"{stopped} Restarted by {getattr(by, 'display_name', '') or 'the portal'}.")
        locked.save(update_fields=["attempts"])
        queue_run(locked.pk)
    return locked


def annual_report_runs_reap(*, now=None) -> list[int]:
    """Requeue runs whose worker vanished (lease expired) and queued runs whose message may be lost;
    fail a vanished run that has had its three attempts. Returns the ids queued again.
    """
    from .tasks import queue_run

    now = now or timezone.now()
    requeued = []
    stale = AnnualReportRun.objects.filter(state=RunState.RUNNING, lease_expires_at__lte=now)
    waiting = AnnualReportRun.objects.filter(state=RunState.QUEUED, queued_at__lte=now - REQUEUE_QUEUED_AFTER)
    for run_id in [*stale.values_list("pk", flat=True), *waiting.values_list("pk", flat=True)]:
        with transaction.atomic():
            run = AnnualReportRun.objects.select_for_update(skip_locked=True).filter(pk=run_id).first()
            if run is None:
                continue
            if run.state == RunState.RUNNING and run.lease_expires_at and run.lease_expires_at <= now:
                stopped = f"The background worker stopped during attempt {run.attempts}."
                if run.attempts >= MAX_ATTEMPTS:
                    _fail(run, stopped + " The report could not be compiled in three attempts.")
                    continue
                _requeue(run, stopped)
            elif run.state == RunState.QUEUED:
                run.queued_at = now
                run.save(update_fields=["queued_at"])
            else:
                continue
            queue_run(run.pk)
            requeued.append(run.pk)
    return requeued
