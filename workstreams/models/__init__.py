"""The strategy's structure (domains, challenges, workstreams, steering groups) and its delivery
(goals, actions, progress updates, meetings, annual reports)."""

from .delivery import (
    Action,
    ComputedFigure,
    Goal,
    GoalMeasurement,
    GoalStatus,
    MeasurementSource,
    ProgressUpdate,
    WorkstreamAnnualReport,
)
from .meetings import MeetingFollowUp, SteeringGroupMeeting
from .structure import (
    ConversationDomain,
    ImrocChallenge,
    SteeringGroup,
    SteeringGroupLevel,
    SteeringGroupMembership,
    SteeringGroupMembershipQuerySet,
    Workstream,
)

__all__ = [
    "Action",
    "ComputedFigure",
    "ConversationDomain",
    "Goal",
    "GoalMeasurement",
    "GoalStatus",
    "ImrocChallenge",
    "MeasurementSource",
    "MeetingFollowUp",
    "ProgressUpdate",
    "SteeringGroup",
    "SteeringGroupLevel",
    "SteeringGroupMeeting",
    "SteeringGroupMembership",
    "SteeringGroupMembershipQuerySet",
    "Workstream",
    "WorkstreamAnnualReport",
]
