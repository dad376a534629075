"""Who may do what with teams (django-rules, loaded by AutodiscoverRulesConfig).

Only current memberships count: someone who has left a team holds none of its roles.
"""

import rules

from recovery_portal.rules import is_trust_staff

from .models import Membership, Team
from .policy import PLAN_AGREERS, sees_trust_figures


def _current_memberships(user, team: Team | None):
    if team is None or user is None or not (user.is_authenticated and user.is_active):
        return Membership.objects.none()
    return Membership.objects.current().filter(user=user, team=team)


@rules.predicate
def is_team_member(user, team: Team | None) -> bool:
    """Holds a current membership of ``team``, in any role."""
    return _current_memberships(user, team).exists()


@rules.predicate
def is_team_manager(user, team: Team | None) -> bool:
    """Is a current team manager of ``team`` (holds a role that agrees its plans)."""
    return _current_memberships(user, team).filter(role__in=PLAN_AGREERS).exists()


# The directory and team pages show staff names and roles at work, which every member of staff may see.
rules.add_perm("teams.view_team", is_trust_staff)
# The Trust-wide Triangle of Care summary, with the Trust's other figures.
rules.add_perm("teams.view_trust_triangle_of_care", sees_trust_figures)


@rules.predicate
def is_member_of_plan_team(user, plan) -> bool:
    """A current member of the team whose Team Recovery Plan (or Triangle of Care assessment) this is."""
    return plan is not None and is_team_member(user, plan.team)


@rules.predicate
def is_plan_facilitator(user, plan) -> bool:
    """Named as a facilitator of this plan's away day, so may help write it without being in the team."""
    if plan is None or not (user.is_authenticated and user.is_active):
        return False
    return plan.facilitators.filter(pk=user.pk).exists()


@rules.predicate
def is_plan_team_manager(user, plan) -> bool:
    return plan is not None and is_team_manager(user, plan.team)


# Team Recovery Plans are not personal data: all staff read them. The team owns its plan: its members
# and the facilitators it names write it; its team managers mark it agreed.
rules.add_perm("teams.view_teamrecoveryplan", is_trust_staff)
rules.add_perm("teams.start_teamrecoveryplan", is_team_member)  # object: the team
rules.add_perm(
    "teams.change_teamrecoveryplan", is_trust_staff & (is_member_of_plan_team | is_plan_facilitator)
)
rules.add_perm("teams.agree_teamrecoveryplan", is_trust_staff & is_plan_team_manager)
rules.add_perm("teams.view_coverage", is_trust_staff)
# Triangle of Care: the object is the assessment.
rules.add_perm("teams.change_triangleofcareassessment", is_trust_staff & is_member_of_plan_team)
