"""Role-aware header navigation. Apps register their links; the header shows those a user may use.

Registration keeps the dependency direction: the core knows nothing of the apps that add links.
"""

from dataclasses import dataclass

import rules
from django.urls import reverse


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


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    current = request.path
    items = []
    for link in _links:
        # The rule set only (no fall-through to Django's model permissions, which costs queries): a link
        # carries the same permission as the page it opens, so no header link leads to a 403.
        if link.permission and not rules.has_perm(link.permission, user):
            continue
        url = reverse(link.url_name)
        items.append({"label": link.label, "url": url, "current": current.startswith(url) and url != "/"})
    return items
