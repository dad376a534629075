"""Home panels: the person's own plans, and what has been shared with a supporter."""

from recovery_portal.home import HomePanel, register_panel
from recovery_portal.models import AccountKind

from . import selectors


def _own_plans(user) -> dict | None:
    if user.kind != AccountKind.PERSON:
        return None
    person = selectors.own_record_for(user=user)
    if person is None:
        return None
    return {"person": person, "plans": selectors.person_plans(person)}


def _shared(user) -> dict | None:
    if user.kind != AccountKind.SUPPORTER:
        return None
    supporting = list(selectors.supporting_for(user=user))
    return {"supporting": supporting} if supporting else None


def register() -> None:
    register_panel(HomePanel("careplans-own", "home/panels/careplans_own.html", _own_plans, order=8))
    register_panel(HomePanel("careplans-shared", "home/panels/careplans_shared.html", _shared, order=9))
