"""Models of the teams app: the Trust's structure, Team Recovery Plans and Triangle of Care self-assessments."""

from .plans import (
    ActionProgressNote,
    ChallengeRating,
    ChallengeStage,
    PlanReview,
    PlanStatus,
    Priority,
    ReviewKind,
    ReviewRating,
    TeamAction,
    TeamRecoveryPlan,
)
from .structure import (
    Division,
    Membership,
    MembershipQuerySet,
    RecoveryChampion,
    ServiceType,
    Team,
    TeamRole,
    current_on_q,
)
from .triangle import StandardRating, TriangleOfCareAssessment, TriangleOfCareRating, TriangleOfCareStandard

__all__ = [
    "ActionProgressNote",
    "ChallengeRating",
    "ChallengeStage",
    "Division",
    "Membership",
    "MembershipQuerySet",
    "PlanReview",
    "PlanStatus",
    "Priority",
    "RecoveryChampion",
    "ReviewKind",
    "ReviewRating",
    "ServiceType",
    "StandardRating",
    "Team",
    "TeamAction",
    "TeamRecoveryPlan",
    "TeamRole",
    "TriangleOfCareAssessment",
    "TriangleOfCareRating",
    "TriangleOfCareStandard",
    "current_on_q",
]
