"""The strategy's structure (domains, challenges, workstreams, steering groups) and its delivery
(goals, actions, progress updates, meetings, annual reports)."""

from .delivery import Action, Goal, GoalStatus, ProgressUpdate, WorkstreamAnnualReport
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
    "ConversationDomain",
    "Goal",
    "GoalStatus",
    "ImrocChallenge",
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
