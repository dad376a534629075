from .erasure import Erasure
from .people import CaseloadEntry, ContactPreference, ServiceUser, Supporter, SupporterRelationship
from .plans import (
    AuthorRole,
    ConsentGiven,
    Disagreement,
    Plan,
    PlanDocument,
    PlanEntry,
    PlanStage,
    PlanStatus,
    PlanVersion,
    SupporterConsent,
)

__all__ = [
    "AuthorRole",
    "CaseloadEntry",
    "ConsentGiven",
    "ContactPreference",
    "Disagreement",
    "Erasure",
    "Plan",
    "PlanDocument",
    "PlanEntry",
    "PlanStage",
    "PlanStatus",
    "PlanVersion",
    "ServiceUser",
    "Supporter",
    "SupporterConsent",
    "SupporterRelationship",
]
