"""Stable codes of the strategy's reference data, loaded by migration 0002.

Code refers to domains, workstreams, challenges and steering groups by these values, never by their
titles (which the Trust may reword) or by ImROC's numbers (which differ between sources).
"""

from enum import StrEnum


class DomainCode(StrEnum):
    WORKERS_PEOPLE = "workers_people"
    SERVICES_USERS = "services_users"
    SERVICES_COMMUNITIES = "services_communities"


class WorkstreamSlug(StrEnum):
    CHANGING_THE_CULTURE = "changing-the-culture"
    RECOVERY_COLLEGE = "recovery-college"
    PEER_SUPPORT = "peer-support"
    RISK = "risk"
    STAFF_WELLBEING = "staff-wellbeing"
    LIFE_BEYOND_ILLNESS = "life-beyond-illness"
    FAMILIES_AND_FRIENDS = "families-and-friends"


class ChallengeCode(StrEnum):
    INTERACTIONS = "interactions"
    EDUCATION = "education"
    RECOVERY_COLLEGE = "recovery-college"
    CULTURE_LEADERSHIP = "culture-leadership"
    PERSONALISATION = "personalisation"
    RISK = "risk"
    INVOLVEMENT = "involvement"
    WORKFORCE = "workforce"
    STAFF_WELLBEING = "staff-wellbeing"
    BEYOND_ILLNESS = "beyond-illness"


class SteeringGroupSlug(StrEnum):
    TRUST = "trust"
    LOCAL_PARTNERSHIPS = "local-partnerships"
    FORENSIC_SERVICES = "forensic-services"


# Which challenges each workstream serves (Shepherd, Boardman & Burns 2010 mapped onto the strategy).
# Personalisation has no workstream of its own: choice is built through shared decision-making in
# care planning (Changing the Culture) and through valued roles and activities (Life Beyond Illness).
# Families and Friends is cross-cutting in day-to-day interactions and involvement.
CHALLENGES_BY_WORKSTREAM: dict[WorkstreamSlug, tuple[ChallengeCode, ...]] = {
    WorkstreamSlug.CHANGING_THE_CULTURE: (
        ChallengeCode.INTERACTIONS,
        ChallengeCode.CULTURE_LEADERSHIP,
        ChallengeCode.PERSONALISATION,
    ),
    WorkstreamSlug.RECOVERY_COLLEGE: (ChallengeCode.EDUCATION, ChallengeCode.RECOVERY_COLLEGE),
    WorkstreamSlug.PEER_SUPPORT: (ChallengeCode.WORKFORCE, ChallengeCode.INVOLVEMENT),
    WorkstreamSlug.RISK: (ChallengeCode.RISK,),
    WorkstreamSlug.STAFF_WELLBEING: (ChallengeCode.STAFF_WELLBEING,),
    WorkstreamSlug.LIFE_BEYOND_ILLNESS: (ChallengeCode.BEYOND_ILLNESS, ChallengeCode.PERSONALISATION),
    WorkstreamSlug.FAMILIES_AND_FRIENDS: (ChallengeCode.INTERACTIONS, ChallengeCode.INVOLVEMENT),
}
