"""Writes of the core app."""

from collections.abc import Iterable

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


def follow_up_tasks_raise(tasks: Iterable[dict]) -> int:
    """Raise many tasks at once (an import raising hundreds), each once per key exactly as
    ``follow_up_task_raise`` does; each dict holds that function's keyword arguments. Returns how many
    were new. Two queries per 5,000 tasks, not two or more per task."""
    wanted: dict[str, FollowUpTask] = {}
    for task in tasks:
        key = task["key"][:200]
        wanted.setdefault(
            key,
            FollowUpTask(
                key=key,
                assignee=task["assignee"],
                title=task["title"][:200],
                detail=task.get("detail", ""),
                url=task.get("url", ""),
                due_date=task.get("due_date"),
            ),
        )
    keys = list(wanted)
    created = 0
    for start in range(0, len(keys), 5000):
        chunk = keys[start : start + 5000]
        existing = set(FollowUpTask.objects.filter(key__in=chunk).values_list("key", flat=True))
        new = [wanted[key] for key in chunk if key not in existing]
        # A task raised by someone else between the two queries is kept as it is, as get_or_create would.
        FollowUpTask.objects.bulk_create(new, ignore_conflicts=True)
        created += len(new)
    return created


def form_submission_claim(*, key: str, by):
    """Claim a form's key inside the caller's transaction, before it stores anything.

    Raises ``AlreadyRecorded`` when the key was claimed before. When two sends of one form arrive at
    once, PostgreSQL makes the second wait on the unique key until the first commits, and it then
    finds the key taken; if the first rolled back, the second goes ahead.
    """
    from django.db import IntegrityError, transaction

    from .models import FormSubmission
    from .submissions import AlreadyRecorded

    try:
        with transaction.atomic():
            return FormSubmission.objects.create(key=key, sent_by=by)
    except IntegrityError:
        earlier = FormSubmission.objects.filter(key=key).first()
        same_person = earlier is not None and earlier.sent_by_id == getattr(by, "pk", None)
        raise AlreadyRecorded(earlier.result_url if same_person else "") from None


def form_submission_done(*, submission, result_url: str) -> None:
    """Note where the record the form created can be seen, for a second send of the same form."""
    submission.result_url = result_url[:300]
    submission.save(update_fields=["result_url"])


def contact_settings_change(*, user, by, contact_by: str, email: str, mobile_number: str):
    """A person sets how they are contacted. Only the person themself (``by`` is ``user``) may."""
    if by.pk != user.pk:
        raise PermissionError("Only the person may change how they are contacted.")
    user.contact_by = contact_by
    user.email = email
    user.mobile_number = mobile_number
    user.save(update_fields=["contact_by", "email", "mobile_number"])
    return user
