"""Background jobs of the core app. Tasks take ids and call services (ARCHITECTURE §4)."""

import socket

from celery import shared_task
from django.utils import timezone

from .models import WorkerHeartbeat


@shared_task(acks_late=True, max_retries=3, ignore_result=True)
def worker_heartbeat_answer(heartbeat_id: int) -> None:
    # Idempotent: a redelivered message finds the heartbeat answered and leaves it alone.
    WorkerHeartbeat.objects.filter(pk=heartbeat_id, answered_at__isnull=True).update(
        answered_at=timezone.now(), worker=socket.gethostname()[:200]
    )


@shared_task(ignore_result=True)
def worker_heartbeat_beat() -> None:
    """Raised by beat: a heartbeat with no one asking, answered at once by the worker running it."""
    heartbeat = WorkerHeartbeat.objects.create()
    worker_heartbeat_answer(heartbeat.pk)


@shared_task(acks_late=True, ignore_result=True)
def message_send(message_id: int) -> None:
    """Send one message (recovery_portal.notifications). Idempotent: a message already sent is left alone;
    one held back (quiet hours, back-off) is sent later by ``messages_send_due``."""
    from .notifications import message_deliver

    message_deliver(message_id=message_id)


@shared_task(acks_late=True, ignore_result=True)
def messages_send_due() -> int:
    """Raised by beat: send messages held for quiet hours or back-off, and any whose job was lost."""
    from .notifications import messages_send_due as send_due

    return send_due()


@shared_task(acks_late=True, ignore_result=True)
def messages_poll() -> int:
    """Raised by beat: ask GOV.UK Notify about messages whose delivery receipt has not come."""
    from .notifications import messages_poll as poll

    return poll()


@shared_task(ignore_result=True)
def readiness_ping(token: str) -> None:
    """Answers /health/ready/: a worker took a job off the queue within seconds."""
    from .readiness import answer_ping

    answer_ping(token)


@shared_task(ignore_result=True)
def beat_heartbeat() -> None:
    """Queued by beat every minute; /health/ready/ reports beat down when the last one is old."""
    from .readiness import record_beat_heartbeat

    record_beat_heartbeat()


@shared_task(ignore_result=True)
def inactive_accounts_disable() -> None:
    """Daily: password accounts unused for ACCOUNT_INACTIVE_DAYS are disabled (recovery_portal.lifecycle)."""
    from .lifecycle import inactive_password_accounts_disable

    inactive_password_accounts_disable()
