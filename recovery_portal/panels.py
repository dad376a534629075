"""Home panels of the core app."""

from .home import HomePanel, register_panel
from .models import AccountKind


def _administration(user) -> dict | None:
    return {} if user.is_superuser else None


def _person(user) -> dict | None:
    if user.kind not in (AccountKind.PERSON, AccountKind.SUPPORTER, AccountKind.COMMUNITY):
        return None
    return {"kind": user.kind}


def register() -> None:
    register_panel(HomePanel("administration", "home/panels/administration.html", _administration, order=900))
    register_panel(HomePanel("person", "home/panels/person.html", _person, order=10))
