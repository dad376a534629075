from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import CourseRun, RunStatus


@transaction.atomic
def run_publish(*, run: CourseRun, by) -> CourseRun:
    """Put a run in the prospectus. Refused unless it is co-delivered and has its sessions.

    Co-delivery (RECOLLECT, Co-production): at least one peer trainer and at least one other trainer.
    """
    run = CourseRun.objects.select_for_update().get(pk=run.pk)
    if run.status == RunStatus.PUBLISHED:
        return run
    peers = list(run.trainers.values_list("is_peer_trainer", flat=True))
    if True not in peers or False not in peers:
        raise ValidationError(
            "A run can be published only when it is co-delivered: add at least one peer trainer "
            "and at least one other trainer first."
        )
    if run.sessions.count() != run.course.session_count:
        raise ValidationError(
            f"This course has {run.course.session_count} sessions: add every session's date and time first."
        )
    run.status = RunStatus.PUBLISHED
    run.published_at = timezone.now()
    run.changed_by = by
    run.save(update_fields=["status", "published_at", "changed_by", "changed_at"])
    return run
