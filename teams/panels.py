"""The "Your teams" home panel."""

from recovery_portal.home import HomePanel, register_panel
from recovery_portal.rules import is_trust_staff

from . import selectors


def _teams(user) -> dict | None:
    if not is_trust_staff(user):
        return None
    memberships = list(selectors.memberships_for_user(user=user))
    return {"memberships": memberships} if memberships else None


def register() -> None:
    register_panel(HomePanel("teams", "home/panels/teams.html", _teams, order=20))
