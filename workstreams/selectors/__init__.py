"""Reads of the strategy's structure and delivery. Other apps read workstreams only through this package.

Each selector decides its own joins and prefetches so that pages built on it make a fixed number of
queries however many rows there are.
"""

from .delivery import (
    action_detail_queryset,
    action_directory,
    action_list,
    actions_for_user,
    goal_queryset,
    progress_update_queryset,
    workstream_detail_queryset,
)
from .measurements import (
    goal_measurement_queryset,
    goal_measurements,
    goal_monthly_values,
    goals_measured_by_the_portal,
    goals_with_measurements,
)
from .meetings import (
    GoalAtRisk,
    MeetingPack,
    RagChange,
    WorkstreamPackSection,
    meeting_detail_queryset,
    meeting_follow_up_queryset,
    meeting_list_by_group,
    meeting_pack,
    meeting_previous,
)
from .reports import (
    WorkstreamAnnualFigures,
    workstream_annual_figures,
    workstream_annual_figures_all,
    workstream_annual_report_get,
)
from .structure import (
    DomainWorkstreams,
    SteeringGroupSeat,
    challenge_list,
    conversation_domain_list,
    steering_group_get,
    steering_group_list,
    steering_group_list_service_specific,
    steering_group_membership_open,
    steering_group_people,
    steering_group_seats_for_user,
    workstream_get,
    workstream_list,
    workstream_list_by_domain,
    workstream_list_led_by,
    workstream_list_with_rag_summary,
)

__all__ = [
    "goal_measurement_queryset",
    "goal_measurements",
    "goal_monthly_values",
    "goals_measured_by_the_portal",
    "goals_with_measurements",
    "DomainWorkstreams",
    "GoalAtRisk",
    "MeetingPack",
    "RagChange",
    "SteeringGroupSeat",
    "WorkstreamAnnualFigures",
    "WorkstreamPackSection",
    "action_detail_queryset",
    "action_directory",
    "action_list",
    "actions_for_user",
    "challenge_list",
    "conversation_domain_list",
    "goal_queryset",
    "meeting_detail_queryset",
    "meeting_follow_up_queryset",
    "meeting_list_by_group",
    "meeting_pack",
    "meeting_previous",
    "progress_update_queryset",
    "steering_group_get",
    "steering_group_list",
    "steering_group_list_service_specific",
    "steering_group_membership_open",
    "steering_group_people",
    "steering_group_seats_for_user",
    "workstream_annual_figures",
    "workstream_annual_figures_all",
    "workstream_annual_report_get",
    "workstream_detail_queryset",
    "workstream_get",
    "workstream_list",
    "workstream_list_by_domain",
    "workstream_list_led_by",
    "workstream_list_with_rag_summary",
]
