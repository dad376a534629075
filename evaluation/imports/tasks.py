"""Background jobs of the return import."""

from celery import current_task, shared_task
from django.conf import settings


@shared_task(acks_late=True, ignore_result=True)
def delete_expired_staged_files() -> int:
    """Delete uploaded files of returns that were never imported once their time is up (NHS numbers and
    risk answers are not kept in files nobody will use)."""
    from .staging import discard_expired

    return discard_expired()


# The check stops itself once RETURN_IMPORT_JOB_SECONDS are up (the person is told); Celery's limits are
# the backstop should it not.
@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    soft_time_limit=settings.RETURN_IMPORT_JOB_SECONDS + 30,
    time_limit=settings.RETURN_IMPORT_JOB_SECONDS + 60,
)
def check_staged_returns_file(user_id: int, sha256: str) -> None:
    """Read and check an uploaded file of returns once, keeping its rows for the import (ADR 0029)."""
    from .services import staged_file_check_job

    staged_file_check_job(user_id=user_id, sha256=sha256, in_worker=not current_task.request.is_eager)
