"""Which roles in which teams may keep a caseload and write people's plans: defined once, here.

Rules, views and services of other apps ask these questions rather than naming roles themselves, so a
change of policy is made in one place (ADR 0002).
"""

import rules

from recovery_portal.rules import is_administrator, is_evaluation_team, is_trust_staff
from workstreams.rules import is_steering_group_member, is_workstream_lead

from .models import Membership, Team, TeamRole

# Keep a team's caseload: put people on it, change their workers, record that they have left.
CASELOAD_KEEPERS = frozenset({TeamRole.TEAM_MANAGER, TeamRole.CLINICIAN, TeamRole.PEER_SUPPORT_WORKER})
# Write and change the plans of people on the team's caseload with them.
PLAN_WRITERS = frozenset({TeamRole.CLINICIAN, TeamRole.PEER_SUPPORT_WORKER})
# Told when a person leaves the team's caseload, or when a return has no worker to follow it up.
CASELOAD_MANAGERS = frozenset({TeamRole.TEAM_MANAGER})
# Record and import people's PROM returns for the team's caseload (ARCHITECTURE §3).
RETURN_WRITERS = frozenset({TeamRole.CLINICIAN, TeamRole.PEER_SUPPORT_WORKER})
# Agree the team's Team Recovery Plan and its reviews.
PLAN_AGREERS = frozenset({TeamRole.TEAM_MANAGER})
# The peer support workforce counted on the dashboards.
PEER_WORKFORCE = frozenset({TeamRole.PEER_SUPPORT_WORKER})


def holds_clinical_role(membership: Membership) -> bool:
    """Only clinical teams have caseloads: the Recovery College and corporate teams keep no care records."""
    return membership.team.is_clinical


def keeps_caseload(membership: Membership) -> bool:
    return holds_clinical_role(membership) and membership.role in CASELOAD_KEEPERS


def writes_plans(membership: Membership) -> bool:
    return holds_clinical_role(membership) and membership.role in PLAN_WRITERS


def may_keep_caseload_of(team: Team) -> bool:
    return team.is_clinical


def is_peer_worker_only(roles) -> bool:
    """Every role held is peer support worker: their entries are shown as a peer support worker's."""
    held = set(roles)
    return bool(held) and held <= PEER_WORKFORCE


# Read the Trust's figures (dashboards, Trust-wide summaries): steering group members, workstream leads, the
# Recovery Evaluation Team and administrators (ARCHITECTURE §3).
@rules.predicate
def sees_trust_figures(user) -> bool:
    return bool(
        is_administrator(user)
        or (
            is_trust_staff(user)
            and (is_evaluation_team(user) or is_steering_group_member(user) or is_workstream_lead(user))
        )
    )


# Review a Friends and Family Test comment that the team's staff flagged as identifying: show it or keep it
# withheld. Anyone working in the team may flag one.
COMMENT_REVIEWERS = frozenset({TeamRole.TEAM_MANAGER})


def reviews_comments_of(*, team: Team, user) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.current().filter(team=team, user=user, role__in=COMMENT_REVIEWERS).exists()
