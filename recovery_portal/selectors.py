"""Reads of the core app."""

from .models import FollowUpTask, WorkerHeartbeat


def worker_heartbeat_latest() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.select_related("requested_by").first()


def worker_heartbeat_last_answered() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.filter(answered_at__isnull=False).order_by("-answered_at").first()


def follow_up_tasks_open_for(*, user, limit: int | None = None):
    """The open tasks of ``user``, soonest due first (tasks without a due date last)."""
    tasks = FollowUpTask.objects.visible_to(user).open().order_by("due_date", "raised_at")
    return tasks[:limit] if limit else tasks


def messages_sent_to(*, user, limit: int = 50):
    """The latest messages sent to the person themself, newest first."""
    from .models import Message

    return Message.objects.visible_to(user).select_related("template")[:limit]


def account_for_second_factor_reset(*, pk: int):
    """The account an administrator is resetting the second factors of (administrators only, checked by
    the page); None when there is no such account."""
    from .models import User

    return User.objects.filter(pk=pk).first()
