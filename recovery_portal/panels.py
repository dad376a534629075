"""Home panels of the core app."""

from .home import HomePanel, register_panel
from .models import AccountKind
from .roles import TrustRole
from .rules import trust_role_names

# What each Trust-wide role is for, in the words of the access rules (ARCHITECTURE §3).
ROLE_PURPOSES = {
    TrustRole.COLLEGE_TEAM: "Runs the Recovery College prospectus, courses, enrolments, attendance and learning plans.",
    TrustRole.EVALUATION_TEAM: (
        "Loads outcome and experience measures and compiles the annual Trust-wide evaluation report "
        "for the Trust Recovery Steering Group."
    ),
}


def _administration(user) -> dict | None:
    return {} if user.is_superuser else None


def _person(user) -> dict | None:
    if user.kind not in (AccountKind.PERSON, AccountKind.SUPPORTER, AccountKind.COMMUNITY):
        return None
    return {"kind": user.kind}


def _trust_roles(user) -> dict | None:
    held = [
        {"name": role.value, "purpose": ROLE_PURPOSES[role]}
        for role in TrustRole
        if role in trust_role_names(user)
    ]
    return {"roles": held} if held else None


def _tasks(user) -> dict | None:
    from .selectors import follow_up_tasks_open_for

    tasks = list(follow_up_tasks_open_for(user=user, limit=6))
    return {"tasks": tasks} if tasks else None


def register() -> None:
    register_panel(HomePanel("tasks", "home/panels/tasks.html", _tasks, order=5))
    register_panel(HomePanel("trust-roles", "home/panels/trust_roles.html", _trust_roles, order=50))
    register_panel(HomePanel("administration", "home/panels/administration.html", _administration, order=900))
    register_panel(HomePanel("person", "home/panels/person.html", _person, order=10))
