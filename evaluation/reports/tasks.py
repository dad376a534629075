"""Background jobs of the annual evaluation report. They take run ids; the run's row holds the state.

``compile_annual_report_run`` is acknowledged late and rejected back to the queue if its worker process
is lost, and it is safe to receive twice: a run is claimed under a lease, so a second copy finds it
finished or held and does nothing. Attempts are counted on the run (at most three), not by Celery.
"""

import logging

from celery import shared_task
from django.db import transaction

from recovery_portal.jobs import enqueue

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def compile_annual_report_run(run_id: int) -> None:
    from .compile import compile_run

    try:
        compile_run(run_id=run_id)
    except Exception:
        # Recorded on the run, which is queued again or failed; the message itself is done with.
        logger.exception("Annual report run %s: this attempt failed", run_id)


@shared_task(acks_late=True, ignore_result=True)
def reap_annual_report_runs() -> list[int]:
    """Requeue runs whose worker vanished or whose message was lost; fail those out of attempts."""
    from .services import annual_report_runs_reap

    return annual_report_runs_reap()


@shared_task(acks_late=True, ignore_result=True)
def schedule_annual_report() -> int | None:
    """After the year end: start the report for the financial year just ended (once)."""
    from .services import annual_report_schedule

    run = annual_report_schedule()
    return run.pk if run else None


def _send(run_id: int) -> None:
    from .services import annual_report_broker_unavailable, annual_report_queued

    if enqueue(compile_annual_report_run, run_id):
        annual_report_queued(run_id=run_id)
    else:
        # The run stays queued in the database; the reaper sends it once the broker is back.
        annual_report_broker_unavailable(run_id=run_id)


def queue_run(run_id: int) -> None:
    """Send the run to a worker once the current transaction commits (``jobs.enqueue_on_commit``, and
    noting on the run when the broker could not be reached, so the page can say so)."""
    transaction.on_commit(lambda: _send(run_id))
