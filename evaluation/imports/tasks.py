"""Background jobs of the return import."""

from celery import shared_task


@shared_task(acks_late=True, ignore_result=True)
def delete_expired_staged_files() -> int:
    """Delete uploaded files of returns that were never imported once their time is up (NHS numbers and
    risk answers are not kept in files nobody will use)."""
    from .staging import discard_expired

    return discard_expired()
