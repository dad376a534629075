"""Writes of the teams app. Each records who acted; plan writes refuse stale edits and keep history."""

from .plans import (
    action_add,
    action_update,
    plan_agree,
    plan_agreement_problems,
    plan_ratings_update,
    plan_review_kinds_due,
    plan_review_record,
    plan_section_update,
    plan_start,
    priority_add,
    priority_update,
)
from .structure import (
    division_ensure,
    leavers_disable,
    membership_end,
    membership_start,
    membership_update,
    team_ensure,
)
from .triangle import triangle_of_care_start, triangle_of_care_update

__all__ = [
    "leavers_disable",
    "action_add",
    "action_update",
    "division_ensure",
    "membership_end",
    "membership_start",
    "membership_update",
    "plan_agree",
    "plan_agreement_problems",
    "plan_ratings_update",
    "plan_review_kinds_due",
    "plan_review_record",
    "plan_section_update",
    "plan_start",
    "priority_add",
    "priority_update",
    "team_ensure",
    "triangle_of_care_start",
    "triangle_of_care_update",
]
