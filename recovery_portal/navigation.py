"""Role-aware header navigation, the one source of truth for the header. Apps register their links; the
header shows only those whose page the user may open.

Registration keeps the dependency direction: the core knows nothing of the apps that add links.

Some pages' permissions cost queries (a steering group seat, a workstream lead). The header is on every
page, so which links a user may follow is worked out when they sign in, kept in their session (read on
every request anyway) and worked out again after ``REFRESH_SECONDS``: no page pays for the header
(ADR 0032).
"""

import time
from dataclasses import dataclass

import rules
from django.urls import reverse

# A role given or taken away shows in the header within this time (the page itself always checks).
REFRESH_SECONDS = 300
_SESSION_KEY = "header_links"


@dataclass(frozen=True)
class NavLink:
    """A header link; ``permission`` is the one its page checks, so the header never leads to a 403."""

    label: str
    url_name: str
    permission: str | None = None
    order: int = 100


_links: list[NavLink] = []


def register_link(link: NavLink) -> None:
    if link not in _links:
        _links.append(link)
        _links.sort(key=lambda item: item.order)


def registered_links() -> list[NavLink]:
    return list(_links)


def links_user_may_open(user) -> list[str]:
    """The url names of the header links whose page ``user`` may open (the rule set only: no fall-through
    to Django's model permissions)."""
    return [
        link.url_name for link in _links if link.permission is None or rules.has_perm(link.permission, user)
    ]


def remember_links(request, user) -> list[str]:
    """Work out the user's header links and keep them in the session, as at sign-in."""
    allowed = links_user_may_open(user)
    session = getattr(request, "session", None)
    if session is not None:
        session[_SESSION_KEY] = {"at": time.time(), "links": allowed}
    return allowed


def _allowed(request, user) -> list[str]:
    kept = getattr(request, "session", {}).get(_SESSION_KEY)
    if kept and time.time() - kept.get("at", 0) < REFRESH_SECONDS:
        return kept["links"]
    return remember_links(request, user)


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    allowed = set(_allowed(request, user))
    current = request.path
    items = []
    for link in _links:
        if link.url_name not in allowed:
            continue
        url = reverse(link.url_name)
        items.append({"label": link.label, "url": url, "current": current.startswith(url) and url != "/"})
    return items
