"""Role-aware header navigation. Apps register their links; the header shows those a user may use.

Registration keeps the dependency direction: the core knows nothing of the apps that add links.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavLink:
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
        if link.permission and not user.has_perm(link.permission):
            continue
        url = reverse(link.url_name)
        items.append({"label": link.label, "url": url, "current": current.startswith(url) and url != "/"})
    return items
