"""Writes of the core app."""

from django.db import transaction

from .models import WorkerHeartbeat


def worker_heartbeat_request(*, by) -> WorkerHeartbeat:
    """Ask a background worker to answer; the job is queued only once the request is saved."""
    from .tasks import worker_heartbeat_answer as worker_heartbeat_answer_task

    heartbeat = WorkerHeartbeat.objects.create(requested_by=by)
    transaction.on_commit(lambda: worker_heartbeat_answer_task.delay(heartbeat.pk))
    return heartbeat
