"""Who may do what with teams (django-rules, loaded by AutodiscoverRulesConfig).

Only current memberships count: someone who has left a team holds none of its roles.
"""

import rules

from recovery_portal.rules import is_trust_staff

from .models import Membership, Team, TeamRole


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
    """Is a current team manager of ``team``."""
    return _current_memberships(user, team).filter(role=TeamRole.TEAM_MANAGER).exists()


# The directory and team pages show staff names and roles at work, which every member of staff may see.
rules.add_perm("teams.view_team", is_trust_staff)
