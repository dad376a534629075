"""Writes to steering group meetings and their follow-up actions."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from recovery_portal.concurrency import save_versioned
from recovery_portal.models import FollowUpTask
from recovery_portal.services import follow_up_task_complete, follow_up_task_raise

from ..models import MeetingFollowUp, SteeringGroup, SteeringGroupMeeting
from .structure import require_staff

MEETING_FIELDS = ("date", "other_attendees", "minutes", "decisions")
_ONE_A_DAY = "The group already has a meeting on that day"


def _save_meeting(meeting: SteeringGroupMeeting, attendees) -> SteeringGroupMeeting:
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError:
        raise ValidationError({"date": _ONE_A_DAY}) from None
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def meeting_create(*, group: SteeringGroup, attendees, by, **values) -> SteeringGroupMeeting:
    """Record a meeting of ``group``: one a day at most."""
    values = {name: values.get(name) or "" for name in MEETING_FIELDS}
    return _save_meeting(SteeringGroupMeeting(group=group, changed_by=by, **values), attendees)


@transaction.atomic
def meeting_update(
    *, meeting: SteeringGroupMeeting, attendees, by, expected_version: int | None = None, **values
) -> SteeringGroupMeeting:
    """Change a meeting's date, attendees, minutes or decisions.

    Any member of the group may change the record: a save on an older version raises ``StaleEdit``.
    """
    for name in MEETING_FIELDS:
        setattr(meeting, name, values.get(name) or "")
    meeting.changed_by = by
    expected = meeting.version if expected_version is None else expected_version
    try:
        with transaction.atomic():
            save_versioned(meeting, expected_version=expected, fields=[*MEETING_FIELDS, "changed_by"], by=by)
    except IntegrityError:
        raise ValidationError({"date": _ONE_A_DAY}) from None
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def meeting_follow_up_add(
    *, meeting: SteeringGroupMeeting, description: str, owner, due_date: date, by
) -> MeetingFollowUp:
    """Ask ``owner`` (staff) to do something by ``due_date`` (not before the meeting); they get a
    follow-up task on their home page."""
    require_staff(owner, "owner")
    if due_date < meeting.date:
        raise ValidationError({"due_date": "The due date must be the same as or after the meeting date"})
    follow_up = MeetingFollowUp.objects.create(
        meeting=meeting, description=description, owner=owner, due_date=due_date, changed_by=by
    )
    follow_up_task_raise(
        key=follow_up.task_key,
        assignee=owner,
        title=f"Follow-up from the {meeting.group.name}",
        detail=description,
        url=reverse("workstreams:meeting-detail", args=[meeting.pk]),
        due_date=due_date,
    )
    return follow_up


@transaction.atomic
def meeting_follow_up_mark_done(*, follow_up: MeetingFollowUp, by, on: date | None = None) -> MeetingFollowUp:
    """Mark a follow-up done (on ``on``, today by default) and close the owner's task; doing it again
    changes nothing."""
    if follow_up.done_on is None:
        follow_up.done_on = on or timezone.localdate()
        follow_up.changed_by = by
        follow_up.save(update_fields=["done_on", "changed_by", "changed_at"])
        task = FollowUpTask.objects.filter(key=follow_up.task_key).first()
        if task is not None:
            follow_up_task_complete(task=task, by=by)
    return follow_up
