"""Writes of the core app."""

from django.utils import timezone

from .jobs import enqueue_on_commit
from .models import FollowUpTask, WorkerHeartbeat


def worker_heartbeat_request(*, by) -> WorkerHeartbeat:
    """Ask a background worker to answer; the job is queued only once the request is saved."""
    from .tasks import worker_heartbeat_answer as worker_heartbeat_answer_task

    heartbeat = WorkerHeartbeat.objects.create(requested_by=by)
    enqueue_on_commit(worker_heartbeat_answer_task, heartbeat.pk)
    return heartbeat


def follow_up_task_raise(
    *, key: str, assignee, title: str, detail: str = "", url: str = "", due_date=None
) -> tuple[FollowUpTask, bool]:
    """Raise a task for ``assignee`` once per ``key``; returns (task, created). Safe to call repeatedly."""
    return FollowUpTask.objects.get_or_create(
        key=key[:200],
        defaults={
            "assignee": assignee,
            "title": title[:200],
            "detail": detail,
            "url": url,
            "due_date": due_date,
        },
    )


def follow_up_task_complete(*, task: FollowUpTask, by) -> FollowUpTask:
    """Mark a task done; completing it again changes nothing."""
    if task.completed_at is None:
        task.completed_at = timezone.now()
        task.completed_by = by
        task.save(update_fields=["completed_at", "completed_by"])
    return task
