"""Writes to workstreams and steering groups. Each takes the person acting (``by``) and records them."""

from .delivery import (
    action_create,
    action_update,
    goal_create,
    goal_update,
    progress_update_add,
    workstream_annual_report_save,
)
from .measurements import (
    goal_measurement_change,
    goal_measurement_record,
    goal_measurement_take,
    goal_rag_override,
)
from .meetings import meeting_create, meeting_follow_up_add, meeting_follow_up_mark_done, meeting_update
from .structure import (
    steering_group_membership_end,
    steering_group_membership_start,
    steering_group_membership_update,
    steering_group_set_chair,
    workstream_set_leads,
)

__all__ = [
    "action_create",
    "action_update",
    "goal_create",
    "goal_measurement_change",
    "goal_measurement_record",
    "goal_measurement_take",
    "goal_rag_override",
    "goal_update",
    "meeting_create",
    "meeting_follow_up_add",
    "meeting_follow_up_mark_done",
    "meeting_update",
    "progress_update_add",
    "steering_group_membership_end",
    "steering_group_membership_start",
    "steering_group_membership_update",
    "steering_group_set_chair",
    "workstream_annual_report_save",
    "workstream_set_leads",
]
